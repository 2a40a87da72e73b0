package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ChargeRateLimitUseCase;
import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/** Charges the calls of tenant principals made with their own tokens against the server default. */
public final class ChargeRateLimitService implements ChargeRateLimitUseCase {
  private final RateLimiter limiter;
  private final RequestsPerMinute defaultLimit;

  @Inject
  public ChargeRateLimitService(RateLimiter limiter, @Named("defaultRateLimit") RequestsPerMinute defaultLimit) {
    this.limiter = limiter;
    this.defaultLimit = defaultLimit;
  }

  @Override
  public Optional<RateLimitOutcome> charge(Principal caller) {
    if (!(caller instanceof Principal.TenantPrincipal principal) || principal.viaMeans().isPresent()
        || defaultLimit.isZero()) {
      return Optional.empty();
    }
    return Optional.of(limiter.tryConsume(budget(principal), defaultLimit));
  }

  /** One budget per principal of a tenant, whichever of its tokens is used. */
  static String budget(Principal.TenantPrincipal principal) {
    return "tenants/" + principal.tenantId() + "/" + principal.actor().resourceName();
  }
}
