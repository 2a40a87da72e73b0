package dev.latchkey.adapter.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.RecordingServerCall;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.domain.error.UnavailableException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status the server closes a call with when the token check fails: seen from the server side,
 * because a client whose own deadline passed reports DEADLINE_EXCEEDED whatever the server sent.
 */
class TokenCheckDeadlineTest {
  private final FakeUseCases useCases = new FakeUseCases();
  private final BearerAuthServerInterceptor interceptor = new BearerAuthServerInterceptor(useCases);
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  @Test
  void aDeadlineThatExpiresDuringTheTokenCheckIsDeadlineExceededNotUnavailable() {
    // What Database throws when the call's time ran out before or during the lookup.
    useCases.authenticationFailure = new UnavailableException("the call's deadline has passed", null);

    Status closed = checkTokenWithin(Deadline.after(-1, TimeUnit.SECONDS));

    assertThat(closed.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void anUnavailableDatabaseWithTimeLeftIsStillUnavailable() {
    useCases.authenticationFailure = new UnavailableException("connection refused", null);

    Status closed = checkTokenWithin(Deadline.after(1, TimeUnit.HOURS));

    assertThat(closed.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  private Status checkTokenWithin(Deadline deadline) {
    RecordingServerCall call = new RecordingServerCall();
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + TestValues.personalToken());
    Context.CancellableContext context = Context.current().withDeadline(deadline, timer);
    try {
      context.run(() -> interceptor.interceptCall(call, headers, neverStarted()));
    } finally {
      context.cancel(null);
    }
    assertThat(call.closed).as("the interceptor closed the call").isNotNull();
    return call.closed;
  }

  private static ServerCallHandler<Object, Object> neverStarted() {
    return (call, headers) -> {
      throw new AssertionError("the call must not reach the service");
    };
  }
}
