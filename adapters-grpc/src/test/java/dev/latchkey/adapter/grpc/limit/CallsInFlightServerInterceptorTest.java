package dev.latchkey.adapter.grpc.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallsInFlightServerInterceptorTest {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
  private static final MethodDescriptor<byte[], byte[]> HOLD = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName("test.Slow/Hold")
      .setRequestMarshaller(BYTES)
      .setResponseMarshaller(BYTES)
      .build();

  private final AtomicInteger inHandler = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    if (server != null) {
      channel.shutdownNow();
      server.shutdownNow();
      server.awaitTermination(1, TimeUnit.MINUTES);
    }
    executor.close();
  }

  @Test
  void aThousandCallsInFlightAreAllServed() throws Exception {
    start(CallsInFlightServerInterceptor.DEFAULT_MAX_CALLS_IN_FLIGHT);
    List<CompletableFuture<byte[]>> calls = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      calls.add(hold());
    }

    await("all 1,000 calls are in the handler at once", () -> inHandler.get() == 1_000);
    release.countDown();

    for (CompletableFuture<byte[]> call : calls) {
      assertThat(call.get(1, TimeUnit.MINUTES)).containsExactly(1);
    }
  }

  @Test
  void aCallBeyondTheConfiguredBoundIsRefusedAndTheBoundFreesUpAsCallsEnd() throws Exception {
    start(5);
    List<CompletableFuture<byte[]>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(hold());
    }
    await("5 calls are in the handler", () -> inHandler.get() == 5);

    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, HOLD, CallOptions.DEFAULT, new byte[0]))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
          assertThat(e.getStatus().getDescription()).contains("5 calls in flight");
        });
    assertThat(inHandler).hasValue(5);

    release.countDown();
    for (CompletableFuture<byte[]> call : calls) {
      assertThat(call.get(1, TimeUnit.MINUTES)).containsExactly(1);
    }
    // Every ended call gave its place back: more calls than the bound, one after the other, all pass.
    for (int i = 0; i < 20; i++) {
      assertThat(ClientCalls.blockingUnaryCall(channel, HOLD, CallOptions.DEFAULT, new byte[0])).containsExactly(1);
    }
  }

  @Test
  void aBoundBelowOneIsRefused() {
    assertThatThrownBy(() -> new CallsInFlightServerInterceptor(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private void start(int bound) throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name)
        .executor(executor)
        .addService(ServerServiceDefinition.builder("test.Slow")
            .addMethod(HOLD, ServerCalls.asyncUnaryCall((request, response) -> {
              inHandler.incrementAndGet();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              response.onNext(new byte[] {1});
              response.onCompleted();
            }))
            .build())
        .intercept(new CallsInFlightServerInterceptor(bound))
        .build()
        .start();
    channel = InProcessChannelBuilder.forName(name).executor(executor).build();
  }

  private CompletableFuture<byte[]> hold() {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(channel.newCall(HOLD, CallOptions.DEFAULT), new byte[0], new StreamObserver<>() {
      @Override
      public void onNext(byte[] value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    });
    return result;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }
}
