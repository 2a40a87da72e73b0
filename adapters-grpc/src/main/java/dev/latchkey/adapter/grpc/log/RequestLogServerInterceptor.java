package dev.latchkey.adapter.grpc.log;

import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.application.port.in.RecordRequestUseCase;
import dev.latchkey.domain.principal.Principal;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every authenticated call of a tenant principal (succeeded or refused) in its request
 * log, when the call closes and before its status is sent: a full request log delays the response
 * instead of piling up detached threads. Sits right after authentication in the chain.
 */
public final class RequestLogServerInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RequestLogServerInterceptor.class);
  private static final Metadata.Key<String> USER_AGENT = Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);

  private final RecordRequestUseCase record;
  private final InstantSource clock;

  @Inject
  public RequestLogServerInterceptor(RecordRequestUseCase record, InstantSource clock) {
    this.record = record;
    this.clock = clock;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<Principal> caller = CallPrincipal.ifAuthenticated();
    if (caller.isEmpty() || !(caller.get() instanceof Principal.TenantPrincipal)) {
      return next.startCall(call, headers);
    }
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    String userAgent = Optional.ofNullable(headers.get(USER_AGENT)).orElse("");
    AtomicBoolean recorded = new AtomicBoolean();
    ServerCall<Q, R> recording = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        // Queued before the response goes out: while the request log is full, the caller waits
        // (push-back), and its call stays in flight, bounded by CallsInFlightServerInterceptor.
        if (recorded.compareAndSet(false, true)) {
          write(caller.get(), start, call, status, Duration.ofNanos(System.nanoTime() - startNanos), userAgent);
        }
        super.close(status, trailers);
      }
    };
    return next.startCall(recording, headers);
  }

  private void write(Principal caller, Instant start, ServerCall<?, ?> call, Status status, Duration duration,
      String userAgent) {
    try {
      record.record(caller, start, "/" + call.getMethodDescriptor().getFullMethodName(), status.getCode().name(),
          duration, peer(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)), userAgent);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while queueing a request-log entry for {}", call.getMethodDescriptor().getFullMethodName());
    } catch (RuntimeException e) {
      log.error("could not queue a request-log entry", e);
    }
  }

  private static String peer(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return (inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString())
          + ":" + inet.getPort();
    }
    return address == null ? "" : address.toString();
  }
}
