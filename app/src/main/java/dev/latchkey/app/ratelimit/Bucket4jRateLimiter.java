package dev.latchkey.app.ratelimit;

import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The budgets of this instance alone, in memory: exact for one instance. bucket4j's greedy refill
 * adds tokens continuously, so no window boundary admits twice the limit.
 */
public final class Bucket4jRateLimiter implements RateLimiter {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final TimeMeter time;
  private final ConcurrentMap<String, LimitedBucket> buckets = new ConcurrentHashMap<>();

  public Bucket4jRateLimiter(InstantSource clock) {
    Objects.requireNonNull(clock, "clock");
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }

  @Override
  public RateLimitOutcome tryConsume(String budget, RequestsPerMinute limit) {
    if (limit.isZero()) {
      throw new IllegalArgumentException("a zero limit is no limit: do not ask the limiter");
    }
    LimitedBucket bucket = buckets.compute(budget, (key, existing) -> {
      if (existing == null) {
        return new LimitedBucket(Bucket.builder().addLimit(configuration(limit).getBandwidths()[0])
            .withCustomTimePrecision(time).build(), limit.value());
      }
      if (existing.limit() < limit.value()) {
        // What was spent stays spent: the budget grows by the difference.
        existing.bucket().replaceConfiguration(configuration(limit), TokensInheritanceStrategy.ADDITIVE);
        return new LimitedBucket(existing.bucket(), limit.value());
      }
      if (existing.limit() > limit.value()) {
        // bucket4j's ADDITIVE only caps a shrinking budget; take the difference away first.
        existing.bucket().tryConsumeAsMuchAsPossible(existing.limit() - limit.value());
        existing.bucket().replaceConfiguration(configuration(limit), TokensInheritanceStrategy.AS_IS);
        return new LimitedBucket(existing.bucket(), limit.value());
      }
      return existing;
    });
    ConsumptionProbe probe = bucket.bucket().tryConsumeAndReturnRemaining(1);
    Duration untilFull = Duration.ofNanos(probe.getNanosToWaitForReset());
    return probe.isConsumed()
        ? new RateLimitOutcome.Admitted(limit.value(), probe.getRemainingTokens(), untilFull)
        : new RateLimitOutcome.Refused(limit.value(), Duration.ofNanos(probe.getNanosToWaitForRefill()), untilFull);
  }

  private static BucketConfiguration configuration(RequestsPerMinute limit) {
    return BucketConfiguration.builder()
        .addLimit(b -> b.capacity(limit.value()).refillGreedy(limit.value(), MINUTE))
        .build();
  }

  private record LimitedBucket(Bucket bucket, long limit) {}
}
