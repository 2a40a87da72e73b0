package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdateRateLimitCommand;
import dev.latchkey.application.port.in.UpdateRateLimitUseCase;
import dev.latchkey.application.port.out.RateLimitRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimit;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Sets a rate limit for the operator. The change is recorded like any other (audit entry, and the
 * announcement that makes every instance drop its cached limits of the tenant).
 */
public final class UpdateRateLimitService extends AuthorizedService<UpdateRateLimitCommand, RateLimit>
    implements UpdateRateLimitUseCase {
  private final RateLimitTargets targets;
  private final RateLimitRepository limits;
  private final Transactions transactions;
  private final ChangeRecorder changes;
  private final EffectiveRateLimits effective;
  private final InstantSource clock;

  @Inject
  public UpdateRateLimitService(RateLimitTargets targets, RateLimitRepository limits, Transactions transactions,
      ChangeRecorder changes, EffectiveRateLimits effective, InstantSource clock) {
    this.targets = targets;
    this.limits = limits;
    this.transactions = transactions;
    this.changes = changes;
    this.effective = effective;
    this.clock = clock;
  }

  @Override
  protected RateLimit run(Principal caller, UpdateRateLimitCommand command) {
    RateLimit limit = command.rateLimit();
    return transactions.inTransaction(() -> {
      targets.requireExists(limit.target());
      RequestsPerMinute before = limits.find(limit.target());
      if (before.equals(limit.requestsPerMinute())) {
        return limit;
      }
      Instant now = clock.instant();
      limits.save(limit, now);
      changes.record(caller, limit.target().tenantId(), now,
          new ChangeEvent.RateLimitUpdated(limit.target(), before, limit.requestsPerMinute()));
      // This instance applies it on the next call without waiting to hear its own announcement.
      transactions.afterCommit(() -> effective.tenantChanged(limit.target().tenantId()));
      return limit;
    });
  }
}
