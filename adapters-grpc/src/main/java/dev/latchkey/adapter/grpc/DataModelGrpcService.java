package dev.latchkey.adapter.grpc;

import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.application.port.in.ListDataModelsQuery;
import dev.latchkey.application.port.in.ListDataModelsUseCase;
import dev.latchkey.proto.v1.DataModelServiceGrpc;
import dev.latchkey.proto.v1.ListDataModelsRequest;
import dev.latchkey.proto.v1.ListDataModelsResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;

/** {@code latchkey.v1.DataModelService}: the catalog that grants refer to. */
public final class DataModelGrpcService extends DataModelServiceGrpc.DataModelServiceImplBase {
  private final ListDataModelsUseCase listDataModels;

  @Inject
  public DataModelGrpcService(ListDataModelsUseCase listDataModels) {
    this.listDataModels = listDataModels;
  }

  @Override
  public void listDataModels(ListDataModelsRequest request, StreamObserver<ListDataModelsResponse> response) {
    response.onNext(ListDataModelsResponse.newBuilder()
        .addAllDataModels(listDataModels.execute(CallPrincipal.current(), new ListDataModelsQuery()).stream()
            .map(ProtoMapper::dataModel).toList())
        .build());
    response.onCompleted();
  }
}
