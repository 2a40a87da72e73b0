package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ChargeRateLimitUseCase;
import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.util.Optional;

/** Charges the calls of tenant principals made with their own tokens against the limit in force. */
public final class ChargeRateLimitService implements ChargeRateLimitUseCase {
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
      return Optional.of(limiter.tryConsume(ingestBudget(ingest.tenantId()), limits.ofIngest(ingest.tenantId())));
    }
    if (!(caller instanceof Principal.TenantPrincipal principal) || principal.viaMeans().isPresent()) {
      return Optional.empty();
    }
    RequestsPerMinute limit = limits.of(principal);
    return limit.isZero() ? Optional.empty() : Optional.of(limiter.tryConsume(budget(principal), limit));
  }

  /** The budget of a tenant's ingestion calls, whichever of its ingest tokens (during an overlap) is used. */
  static String ingestBudget(TenantId tenant) {
    return "tenants/" + tenant + "/ingest";
  }

  /** One budget per principal of a tenant, whichever of its tokens is used. */
  static String budget(Principal.TenantPrincipal principal) {
    return "tenants/" + principal.tenantId() + "/" + principal.actor().resourceName();
  }
}
