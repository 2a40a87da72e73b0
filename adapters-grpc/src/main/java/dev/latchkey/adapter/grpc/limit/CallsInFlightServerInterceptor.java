package dev.latchkey.adapter.grpc.limit;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the calls this server has in flight, counted from the moment a call arrives until its
 * status has been sent (or it was cancelled). First in the chain, so that it bounds every call,
 * unauthenticated ones included, and the memory and threads they hold: a call waiting for a
 * database connection or for room in the request log counts.
 *
 * <p>The bound is well above ordinary load ({@link #DEFAULT_MAX_CALLS_IN_FLIGHT}, at least 1,000
 * per {@code security.md}); calls within it are served, waiting within their deadline for what
 * they need. A call beyond it is refused at once with {@code RESOURCE_EXHAUSTED}, not {@code
 * UNAVAILABLE}: the server is up and the database answers, it is the caller's load that is too high
 * (clients alert on {@code UNAVAILABLE} and retry it at once), and gRPC uses the same code when a
 * server-side limit is hit. Clients should retry it with backoff.
 */
public final class CallsInFlightServerInterceptor implements ServerInterceptor {
  /** Twice the 1,000 that must be served before anything is refused. */
  public static final int DEFAULT_MAX_CALLS_IN_FLIGHT = 2_000;

  private final Semaphore permits;
  private final int maxCallsInFlight;

  public CallsInFlightServerInterceptor(int maxCallsInFlight) {
    if (maxCallsInFlight < 1) {
      throw new IllegalArgumentException("the bound on calls in flight must be positive: " + maxCallsInFlight);
    }
    this.maxCallsInFlight = maxCallsInFlight;
    this.permits = new Semaphore(maxCallsInFlight);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!permits.tryAcquire()) {
      call.close(Status.RESOURCE_EXHAUSTED.withDescription(
          "the server has " + maxCallsInFlight + " calls in flight; retry with backoff"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    AtomicBoolean released = new AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        permits.release();
      }
    };
    // Released when the status goes out, before the client can see it, so that a client's next call
    // after an answer never meets its own previous call still counted.
    ServerCall<Q, R> counted = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        release.run();
        super.close(status, trailers);
      }
    };
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(counted, headers);
    } catch (RuntimeException | Error e) {
      release.run();
      throw e;
    }
    // One of these ends every started call, also one that a later interceptor refused; a call
    // cancelled before its status was sent is released here.
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } finally {
          release.run();
        }
      }

      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } finally {
          release.run();
        }
      }
    };
  }
}
