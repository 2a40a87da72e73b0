package dev.latchkey.adapter.grpc.limit;

import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.error.GrpcErrors;
import dev.latchkey.application.port.in.ChargeRateLimitUseCase;
import dev.latchkey.domain.error.DomainException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each admitted call against its principal's budget and tells the caller where it stands
 * ({@code ratelimit-limit}, {@code ratelimit-remaining}, {@code ratelimit-reset} on the response);
 * over the limit it closes the call with {@code RESOURCE_EXHAUSTED}. Sits right after the
 * authorization gate, inside the request log, so that refused calls are logged too.
 */
public final class RateLimitServerInterceptor implements ServerInterceptor {
  public static final Metadata.Key<String> LIMIT = Metadata.Key.of("ratelimit-limit", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> REMAINING =
      Metadata.Key.of("ratelimit-remaining", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> RESET = Metadata.Key.of("ratelimit-reset", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger log = LoggerFactory.getLogger(RateLimitServerInterceptor.class);

  private final ChargeRateLimitUseCase charge;

  @Inject
  public RateLimitServerInterceptor(ChargeRateLimitUseCase charge) {
    this.charge = charge;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<Principal> caller = CallPrincipal.ifAdmitted();
    if (caller.isEmpty()) {
      return next.startCall(call, headers);
    }
    Optional<RateLimitOutcome> outcome;
    try {
      outcome = charge.charge(caller.get());
    } catch (DomainException e) {
      return refuse(call, GrpcErrors.toStatus(e), new Metadata());
    } catch (RuntimeException e) {
      log.error("{}: the rate limit could not be checked", call.getMethodDescriptor().getFullMethodName(), e);
      return refuse(call, GrpcErrors.internal(), new Metadata());
    }
    if (outcome.isEmpty()) {
      return next.startCall(call, headers);
    }
    Metadata budget = metadata(outcome.get());
    return switch (outcome.get()) {
      case RateLimitOutcome.Refused refused ->
          refuse(call, GrpcErrors.rateLimited(refused, subject(caller.get())), budget);
      case RateLimitOutcome.Admitted admitted -> next.startCall(new Reporting<>(call, budget), headers);
    };
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(
      ServerCall<Q, R> call, StatusRuntimeException error, Metadata budget) {
    Metadata trailers = error.getTrailers() == null ? new Metadata() : error.getTrailers();
    trailers.merge(budget);
    call.close(error.getStatus(), trailers);
    return new ServerCall.Listener<>() {};
  }

  private static Metadata metadata(RateLimitOutcome outcome) {
    Metadata budget = new Metadata();
    budget.put(LIMIT, Long.toString(outcome.limit()));
    budget.put(REMAINING, Long.toString(switch (outcome) {
      case RateLimitOutcome.Admitted admitted -> admitted.remaining();
      case RateLimitOutcome.Refused refused -> 0L;
    }));
    budget.put(RESET, Long.toString(wholeSecondsUpwards(outcome.untilFull())));
    return budget;
  }

  static long wholeSecondsUpwards(Duration duration) {
    return duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
  }

  private static String subject(Principal caller) {
    return switch (caller) {
      case Principal.TenantPrincipal p -> "tenants/" + p.tenantId() + "/" + p.actor().resourceName();
      // The tenant's ingestion budget, apart from its principals' API budgets.
      case Principal.IngestPrincipal i -> "tenants/" + i.tenantId() + "/ingest";
      case Principal.OperatorPrincipal o -> o.actor().resourceName();
    };
  }

  /** Adds the budget to the response headers, or to the trailers of a response without headers. */
  private static final class Reporting<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private final Metadata budget;
    private boolean headersSent;

    Reporting(ServerCall<Q, R> call, Metadata budget) {
      super(call);
      this.budget = budget;
    }

    @Override
    public void sendHeaders(Metadata headers) {
      headers.merge(budget);
      headersSent = true;
      super.sendHeaders(headers);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      if (!headersSent) {
        trailers.merge(budget);
      }
      super.close(status, trailers);
    }
  }
}
