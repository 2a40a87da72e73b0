package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ChargeRateLimitUseCase;
import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import jakarta.inject.Inject;
import java.util.Optional;

/** Charges the calls of tenant principals made with their own tokens against the limit in force. */
public final class ChargeRateLimitService implements ChargeRateLimitUseCase {
  /** Ingestion calls per minute of each tenant: 100 a second, a few thousand values each. */
  public static final RequestsPerMinute INGEST_LIMIT = new RequestsPerMinute(6_000);

  private final RateLimiter limiter;
  private final EffectiveRateLimits limits;

  @Inject
  public ChargeRateLimitService(RateLimiter limiter, EffectiveRateLimits limits) {
    this.limiter = limiter;
    this.limits = limits;
  }

  @Override
  public Optional<RateLimitOutcome> charge(Principal caller) {
    if (caller instanceof Principal.IngestPrincipal ingest) {
      // Ingestion has its own budget per tenant, apart from the API calls of its principals.
      return Optional.of(limiter.tryConsume("tenants/" + ingest.tenantId() + "/ingest", INGEST_LIMIT));
    }
    if (!(caller instanceof Principal.TenantPrincipal principal) || principal.viaMeans().isPresent()) {
      return Optional.empty();
    }
    RequestsPerMinute limit = limits.of(principal);
    return limit.isZero() ? Optional.empty() : Optional.of(limiter.tryConsume(budget(principal), limit));
  }

  /** One budget per principal of a tenant, whichever of its tokens is used. */
  static String budget(Principal.TenantPrincipal principal) {
    return "tenants/" + principal.tenantId() + "/" + principal.actor().resourceName();
  }
}
