package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets in memory on a test clock, measured in nanoseconds of refill: each holds a minute
 * and each request costs a minute / limit. A changed limit keeps the requests already spent.
 */
public final class FakeRateLimiter implements RateLimiter {
  private static final long MINUTE = Duration.ofMinutes(1).toNanos();

  private record Bucket(long cost, long credit, Instant at) {}

  private final InstantSource clock;
  private final Map<String, Bucket> buckets = new HashMap<>();

  public FakeRateLimiter(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized RateLimitOutcome tryConsume(String budget, RequestsPerMinute limit) {
    Instant now = clock.instant();
    long cost = MINUTE / limit.value();
    Bucket bucket = buckets.get(budget);
    long credit = MINUTE;
    if (bucket != null) {
      long refilled = Math.min(MINUTE, bucket.credit() + Duration.between(bucket.at(), now).toNanos());
      long spent = (MINUTE - refilled + bucket.cost() - 1) / bucket.cost();
      credit = Math.max(0, MINUTE - spent * cost);
    }
    if (credit < cost) {
      buckets.put(budget, new Bucket(cost, credit, now));
      return new RateLimitOutcome.Refused(limit.value(), Duration.ofNanos(cost - credit), Duration.ofNanos(MINUTE - credit));
    }
    credit -= cost;
    buckets.put(budget, new Bucket(cost, credit, now));
    return new RateLimitOutcome.Admitted(limit.value(), credit / cost, Duration.ofNanos(MINUTE - credit));
  }
}
