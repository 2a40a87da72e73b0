package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.proto.v1.DataModelServiceGrpc;
import dev.latchkey.proto.v1.ListDataModelsRequest;
import dev.latchkey.proto.v1.ListDataModelsResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataModelGrpcServiceTest {
  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void listDataModelsReturnsTheCatalogInTheUseCasesOrder() {
    String token = TestValues.personalToken();
    Principal member = TestValues.member(TestValues.tenantId(), PermissionSet.none());
    useCases.accept(token, member);

    ListDataModelsResponse response = DataModelServiceGrpc.newBlockingStub(api.bearer(token))
        .listDataModels(ListDataModelsRequest.getDefaultInstance());

    assertThat(useCases.callers).containsExactly(member);
    List<String> expected = Arrays.stream(DataModel.values()).map(DataModel::apiName).toList();
    assertThat(response.getDataModelsList()).extracting(dev.latchkey.proto.v1.DataModel::getName)
        .containsExactlyElementsOf(expected);
  }
}
