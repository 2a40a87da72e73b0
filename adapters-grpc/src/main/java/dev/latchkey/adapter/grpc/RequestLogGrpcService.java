package dev.latchkey.adapter.grpc;

import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.adapter.grpc.mapping.ResourceNames;
import dev.latchkey.application.port.in.ListRequestLogsQuery;
import dev.latchkey.application.port.in.ListRequestLogsUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.proto.v1.ListRequestLogsRequest;
import dev.latchkey.proto.v1.ListRequestLogsResponse;
import dev.latchkey.proto.v1.RequestLogServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;

/** {@code latchkey.v1.RequestLogService}: the "Logs" tab of private apps and users. */
public final class RequestLogGrpcService extends RequestLogServiceGrpc.RequestLogServiceImplBase {
  private final ListRequestLogsUseCase list;

  @Inject
  public RequestLogGrpcService(ListRequestLogsUseCase list) {
    this.list = list;
  }

  @Override
  public void listRequestLogs(ListRequestLogsRequest request, StreamObserver<ListRequestLogsResponse> response) {
    RequestFields fields = new RequestFields();
    Actor principal = ResourceNames.principal(fields, "parent", request.getParent());
    fields.check();
    var page = list.execute(CallPrincipal.current(),
        new ListRequestLogsQuery(principal, new PageQuery(request.getPageSize(), request.getPageToken())));
    response.onNext(ListRequestLogsResponse.newBuilder()
        .addAllRequestLogs(page.items().stream().map(ProtoMapper::requestLog).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
    response.onCompleted();
  }
}
