package dev.latchkey.application.port.out;

import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;

/**
 * Token buckets, one per budget, refilled continuously at their limit per minute and holding at
 * most one minute's worth.
 */
public interface RateLimiter {
  /**
   * Spends one request of {@code budget} if it has one. A budget seen before with another limit
   * keeps what it has spent: raising 30 to 100 after 30 requests leaves 70.
   *
   * @param budget identifies the budget (all tokens of one principal share it)
   * @param limit not zero
   */
  RateLimitOutcome tryConsume(String budget, RequestsPerMinute limit);
}
