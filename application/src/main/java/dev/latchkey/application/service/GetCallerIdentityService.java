package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.application.port.in.GetCallerIdentityQuery;
import dev.latchkey.application.port.in.GetCallerIdentityUseCase;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;

/**
 * Reports the caller's own identity, as resolved when its token was checked for this call, with
 * the rate limit in force for it (none for the operator, also when it acts for a user).
 */
public final class GetCallerIdentityService extends AuthorizedService<GetCallerIdentityQuery, CallerIdentity>
    implements GetCallerIdentityUseCase {
  private final EffectiveRateLimits limits;

  @Inject
  public GetCallerIdentityService(EffectiveRateLimits limits) {
    this.limits = limits;
  }

  @Override
  protected CallerIdentity run(Principal caller, GetCallerIdentityQuery query) {
    CallerIdentity identity = CallerIdentity.of(caller);
    return caller instanceof Principal.TenantPrincipal p && p.viaMeans().isEmpty()
        ? identity.withRateLimit(limits.of(p))
        : identity;
  }
}
