package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.auth.AuthorizationGateServerInterceptor;
import dev.latchkey.adapter.grpc.auth.BearerAuthServerInterceptor;
import dev.latchkey.adapter.grpc.error.ErrorMappingServerInterceptor;
import dev.latchkey.adapter.grpc.support.BadFields;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CheckAccessRequest;
import dev.latchkey.proto.v1.IntrospectTokenRequest;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What callers can send to IntrospectToken, CheckAccess and ListAuditEvents that is not right. */
class AuthAndAuditRequestsTest {
  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final String callerToken = TestValues.personalToken();
  private final AuthServiceGrpc.AuthServiceBlockingStub auth;

  AuthAndAuditRequestsTest() {
    useCases.accept(callerToken, TestValues.member(TestValues.tenantId(), PermissionSet.all()));
    auth = AuthServiceGrpc.newBlockingStub(api.bearer(callerToken));
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void checkAccessRefusesAnUnknownDataModelAndAMissingOrUnknownActionWithoutAsking() {
    int before = useCases.callers.size();

    assertThat(BadFields.of(() -> auth.checkAccess(CheckAccessRequest.newBuilder()
        .setToken(callerToken).setDataModel("spaceships").setAction(Action.ACTION_READ).build())))
        .containsExactly("data_model");
    assertThat(BadFields.of(() -> auth.checkAccess(CheckAccessRequest.newBuilder()
        .setToken(callerToken).setDataModel("tickets").build())))
        .containsExactly("action");
    assertThat(BadFields.of(() -> auth.checkAccess(CheckAccessRequest.newBuilder()
        .setToken(callerToken).setDataModel("").setActionValue(99).build())))
        .containsExactly("data_model", "action");
    assertThat(useCases.callers).hasSize(before);
  }

  @Test
  void anyStringMayBeIntrospectedAndWhatIsNotATokenIsInactive() {
    for (String candidate : List.of("", "garbage", "x".repeat(512 * 1024),
        TestValues.withWrongChecksum(TestValues.token(TokenKind.PRIVATE_APP).reveal()))) {
      assertThat(auth.introspectToken(IntrospectTokenRequest.newBuilder().setToken(candidate).build()).getActive())
          .isFalse();
    }
  }

  @Test
  void anAuditTargetThatIsTooLongOrHoldsControlCharactersIsRefusedWithoutAsking() throws Exception {
    AtomicInteger listed = new AtomicInteger();
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new AuditGrpcService((caller, query) -> {
          listed.incrementAndGet();
          return new Page<>(List.of(), Optional.empty());
        }))
        .intercept(new ErrorMappingServerInterceptor())
        .intercept(new AuthorizationGateServerInterceptor())
        .intercept(new BearerAuthServerInterceptor(useCases))
        .build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + callerToken);
      var audit = AuditServiceGrpc.newBlockingStub(
          ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)));
      assertThat(BadFields.of(() -> audit.listAuditEvents(
          ListAuditEventsRequest.newBuilder().setTarget("privateApps/" + "x".repeat(300)).build())))
          .containsExactly("target");
      assertThat(BadFields.of(() -> audit.listAuditEvents(
          ListAuditEventsRequest.newBuilder().setTarget("privateApps/x\n").build())))
          .containsExactly("target");
      assertThat(listed).hasValue(0);
      audit.listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget("privateApps/x").build());
      assertThat(listed).hasValue(1);
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }
}
