package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import java.util.Optional;

/** Counting one call against its caller's rate limit. */
public interface ChargeRateLimitUseCase {
  /**
   * Spends one request of {@code caller}'s budget (shared by all tokens of its private app or
   * user). Empty when the call is not limited: the operator, the operator acting for a user, or
   * limits turned off.
   */
  Optional<RateLimitOutcome> charge(Principal caller);
}
