package dev.latchkey.adapter.grpc.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.RecordingServerCall;
import dev.latchkey.domain.error.UnavailableException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status a handler's database failure closes the call with, seen from the server side (a
 * client whose own deadline passed reports DEADLINE_EXCEEDED whatever the server sent, but the
 * request log and the metrics record what the server sent).
 */
class HandlerDeadlineTest {
  private final ErrorMappingServerInterceptor interceptor = new ErrorMappingServerInterceptor();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  void aStatementThatRanOutOfTheCallsTimeIsDeadlineExceededNotUnavailable() {
    Deadline deadline = Deadline.after(50, TimeUnit.MILLISECONDS);

    Status closed = halfCloseWithin(deadline, () -> {
      // What Database throws when the statement timeout (the call's remaining time) ran out.
      while (!deadline.isExpired()) {
        Thread.onSpinWait();
      }
      throw new UnavailableException("the call's deadline has passed", null);
    });

    assertThat(closed.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void anUnavailableDatabaseWithTimeLeftIsStillUnavailable() {
    Status closed = halfCloseWithin(Deadline.after(1, TimeUnit.HOURS), () -> {
      throw new UnavailableException("connection refused", null);
    });

    assertThat(closed.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  private Status halfCloseWithin(Deadline deadline, Runnable handler) {
    RecordingServerCall call = new RecordingServerCall();
    Context.CancellableContext context = Context.current().withDeadline(deadline, timer);
    try {
      context.run(() -> interceptor.interceptCall(call, new Metadata(), handlerRunning(handler)).onHalfClose());
    } finally {
      context.cancel(null);
    }
    assertThat(call.closed).as("the interceptor closed the call").isNotNull();
    return call.closed;
  }

  private static ServerCallHandler<Object, Object> handlerRunning(Runnable handler) {
    return (call, headers) -> new ServerCall.Listener<>() {
      @Override
      public void onHalfClose() {
        handler.run();
      }
    };
  }
}
