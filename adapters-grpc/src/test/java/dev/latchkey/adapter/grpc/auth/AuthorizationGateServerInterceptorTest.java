package dev.latchkey.adapter.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.grpc.AuthGrpcService;
import dev.latchkey.adapter.grpc.error.ErrorMappingServerInterceptor;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.Test;

class AuthorizationGateServerInterceptorTest {
  @Test
  void withoutTheBearerInterceptorBeforeItNobodyIsAdmitted() throws Exception {
    FakeUseCases useCases = new FakeUseCases();
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new AuthGrpcService(useCases.getCallerIdentityUseCase(), useCases.introspectTokenUseCase(),
            useCases.checkAccessUseCase()))
        .intercept(new ErrorMappingServerInterceptor())
        .intercept(new AuthorizationGateServerInterceptor())
        .build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      assertThatThrownBy(() -> AuthServiceGrpc.newBlockingStub(channel)
              .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      assertThat(useCases.callers).isEmpty();
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }
}
