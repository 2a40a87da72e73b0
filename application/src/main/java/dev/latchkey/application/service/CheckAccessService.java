package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AccessDecision;
import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.ChargeRateLimitUseCase;
import dev.latchkey.application.port.in.CheckAccessQuery;
import dev.latchkey.application.port.in.CheckAccessUseCase;
import dev.latchkey.application.port.out.RequestLogSink;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a token may take an action on a data model: what a resource server asks on each call.
 * The check of an active token stands for a call of the API the token unlocks, so it spends the
 * token's principal's budget and goes into that principal's request log, the way its calls to
 * Latchkey do.
 */
public final class CheckAccessService extends AuthorizedService<CheckAccessQuery, AccessDecision>
    implements CheckAccessUseCase {
  static final String METHOD = "/latchkey.v1.AuthService/CheckAccess";

  private final AuthenticateTokenUseCase authenticate;
  private final ChargeRateLimitUseCase rateLimit;
  private final RequestLogSink requestLog;
  private final InstantSource clock;

  @Inject
  public CheckAccessService(AuthenticateTokenUseCase authenticate, ChargeRateLimitUseCase rateLimit,
      RequestLogSink requestLog, InstantSource clock) {
    this.authenticate = authenticate;
    this.rateLimit = rateLimit;
    this.requestLog = requestLog;
    this.clock = clock;
  }

  @Override
  protected AccessDecision run(Principal caller, CheckAccessQuery query) {
    Optional<Principal> usable = IntrospectTokenService.usable(authenticate, caller, query.token());
    if (!(usable.orElse(null) instanceof Principal.TenantPrincipal subject)) {
      return new AccessDecision.Denied();
    }
    Instant start = clock.instant();
    AccessDecision decision = switch (rateLimit.charge(subject).orElse(null)) {
      case RateLimitOutcome.Refused refused -> new AccessDecision.RateLimited(refused.retryAfter());
      case null, default -> subject.allows(query.model(), query.action())
          ? new AccessDecision.Allowed() : new AccessDecision.Denied();
    };
    record(subject, start, query, decision);
    return decision;
  }

  private void record(Principal.TenantPrincipal subject, Instant start, CheckAccessQuery query,
      AccessDecision decision) {
    String status = switch (decision) {
      case AccessDecision.Allowed a -> "OK";
      case AccessDecision.Denied d -> "PERMISSION_DENIED";
      case AccessDecision.RateLimited r -> "RESOURCE_EXHAUSTED";
    };
    // The resource server's call, not the token holder's: its peer and user agent are not known here.
    String method = METHOD + " " + query.model().apiName() + ":" + query.action().name().toLowerCase(Locale.ROOT);
    try {
      requestLog.record(new RequestLogEntry(subject.tenantId(), subject.actor(), subject.tokenId(), subject.means(),
          start, method, status, Duration.between(start, clock.instant()), "", ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while queueing the request-log entry of an access check", e);
    }
  }
}
