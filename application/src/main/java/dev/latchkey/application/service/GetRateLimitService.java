package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetRateLimitQuery;
import dev.latchkey.application.port.in.GetRateLimitUseCase;
import dev.latchkey.application.port.out.RateLimitRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimit;
import jakarta.inject.Inject;

/** Reads the limit set for a tenant or a principal, for the operator. */
public final class GetRateLimitService extends AuthorizedService<GetRateLimitQuery, RateLimit>
    implements GetRateLimitUseCase {
  private final RateLimitTargets targets;
  private final RateLimitRepository limits;

  @Inject
  public GetRateLimitService(RateLimitTargets targets, RateLimitRepository limits) {
    this.targets = targets;
    this.limits = limits;
  }

  @Override
  protected RateLimit run(Principal caller, GetRateLimitQuery query) {
    targets.requireExists(query.target());
    return new RateLimit(query.target(), limits.find(query.target()));
  }
}
