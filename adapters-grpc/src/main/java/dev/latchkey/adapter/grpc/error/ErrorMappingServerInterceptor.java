package dev.latchkey.adapter.grpc.error;

import dev.latchkey.domain.error.DomainException;
import dev.latchkey.domain.error.UnavailableException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a call whose handler threw with the status {@link GrpcErrors} maps the exception to. An
 * unexpected exception is logged with its cause and reaches the client as a bare {@code INTERNAL}.
 */
public final class ErrorMappingServerInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(ErrorMappingServerInterceptor.class);

  @jakarta.inject.Inject
  public ErrorMappingServerInterceptor() {}

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        guard(call, () -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        if (Context.current().isCancelled()) {
          // Deadline passed or client gone while the call waited: gRPC has answered it already.
          return;
        }
        guard(call, super::onHalfClose);
      }

      @Override
      public void onReady() {
        guard(call, super::onReady);
      }
    };
  }

  private static void guard(ServerCall<?, ?> call, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      close(call, e);
    }
  }

  private static void close(ServerCall<?, ?> call, RuntimeException e) {
    StatusRuntimeException status = switch (e) {
      case UnavailableException u when deadlinePassed() ->
          // The statement ran out of the call's time: clients alert on UNAVAILABLE and retry it.
          Status.DEADLINE_EXCEEDED.withDescription("the call's deadline passed").asRuntimeException();
      case UnavailableException u -> {
        log.warn("{} failed: database unavailable: {}", call.getMethodDescriptor().getFullMethodName(),
            rootMessage(u));
        yield GrpcErrors.toStatus(u);
      }
      case DomainException d -> GrpcErrors.toStatus(d);
      case StatusRuntimeException s -> s;
      default -> {
        log.error("{} failed unexpectedly", call.getMethodDescriptor().getFullMethodName(), e);
        yield GrpcErrors.internal();
      }
    };
    try {
      call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
    } catch (IllegalStateException alreadyClosed) {
      log.debug("call was already closed when {} was thrown", e.getClass().getSimpleName());
    }
  }

  private static boolean deadlinePassed() {
    Deadline deadline = Context.current().getDeadline();
    return deadline != null && deadline.isExpired();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
