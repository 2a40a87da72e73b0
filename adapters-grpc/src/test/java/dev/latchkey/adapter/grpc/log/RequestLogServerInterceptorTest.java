package dev.latchkey.adapter.grpc.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.AuthGrpcService;
import dev.latchkey.adapter.grpc.auth.AuthorizationGateServerInterceptor;
import dev.latchkey.adapter.grpc.auth.BearerAuthServerInterceptor;
import dev.latchkey.adapter.grpc.error.ErrorMappingServerInterceptor;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.port.out.RequestLogSink;
import dev.latchkey.application.service.RecordRequestService;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CallerIdentity;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request log pushes back on the caller before the response, not on a thread after it. */
class RequestLogServerInterceptorTest {
  private final FakeUseCases useCases = new FakeUseCases();
  private final String token = TestValues.personalToken();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  /** A request log whose writer is stalled: a put waits until the test frees a slot. */
  private final Semaphore freeSlots = new Semaphore(0);
  private final CountDownLatch putWaiting = new CountDownLatch(1);
  private final List<RequestLogEntry> written = new CopyOnWriteArrayList<>();
  /** Set once the call's status has gone to the transport. */
  private final AtomicBoolean statusSent = new AtomicBoolean();
  private final AtomicBoolean statusSentBeforeThePut = new AtomicBoolean();
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    freeSlots.release(100);
    channel.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(1, TimeUnit.MINUTES);
    executor.close();
  }

  @Test
  void aFullRequestLogDelaysTheResponseUntilASlotIsFreeAndLosesNoEntry() throws Exception {
    useCases.accept(token, TestValues.member(TestValues.tenantId(), PermissionSet.all()));
    RequestLogSink stalled = entry -> {
      statusSentBeforeThePut.set(statusSent.get());
      putWaiting.countDown();
      freeSlots.acquire();
      written.add(entry);
    };
    start(stalled);

    CompletableFuture<CallerIdentity> response = getCallerIdentity();
    assertThat(putWaiting.await(1, TimeUnit.MINUTES)).isTrue();

    assertThat(statusSentBeforeThePut).as("the status waits for the request log").isFalse();
    assertThat(response).isNotDone();
    assertThat(written).isEmpty();

    freeSlots.release();
    assertThat(response.get(1, TimeUnit.MINUTES).getPrincipal()).isNotEmpty();
    assertThat(written).singleElement().satisfies(entry -> {
      assertThat(entry.method()).isEqualTo("/latchkey.v1.AuthService/GetCallerIdentity");
      assertThat(entry.statusCode()).isEqualTo("OK");
    });
    assertThat(statusSent).isTrue();
  }

  private CompletableFuture<CallerIdentity> getCallerIdentity() {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of(InProcessApi.AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    // Done when the call is: a unary call completes with its status, not with its message.
    CompletableFuture<CallerIdentity> result = new CompletableFuture<>();
    AtomicReference<CallerIdentity> message = new AtomicReference<>();
    AuthServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance(), new StreamObserver<>() {
          @Override
          public void onNext(CallerIdentity value) {
            message.set(value);
          }

          @Override
          public void onError(Throwable t) {
            result.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            result.complete(message.get());
          }
        });
    return result;
  }

  private void start(RequestLogSink sink) throws Exception {
    String name = InProcessServerBuilder.generateName();
    ServerInterceptor statusSpy = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return next.startCall(new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            statusSent.set(true);
            super.close(status, trailers);
          }
        }, headers);
      }
    };
    server = InProcessServerBuilder.forName(name)
        .executor(executor)
        .addService(new AuthGrpcService(useCases.getCallerIdentityUseCase(), useCases.introspectTokenUseCase(),
            useCases.checkAccessUseCase()))
        // ServerBuilder.intercept() runs the last-added interceptor first: the spy sees what leaves the chain.
        .intercept(new ErrorMappingServerInterceptor())
        .intercept(new AuthorizationGateServerInterceptor())
        .intercept(new RequestLogServerInterceptor(new RecordRequestService(sink), () -> Instant.EPOCH))
        .intercept(new BearerAuthServerInterceptor(useCases))
        .intercept(statusSpy)
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).executor(executor).build();
  }
}
