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
import org.jspecify.annotations.Nullable;

/**
 * The budgets of this instance alone, in memory: exact for one instance. bucket4j's greedy refill
 * adds tokens continuously, so no window boundary admits twice the limit.
 *
 * <p>A budget left alone for a minute is full again, and a full bucket answers exactly as a new one
 * would: about once a minute the buckets that are full are dropped, so memory holds the principals
 * that called in the last minute or two, not every principal that ever called.
 */
public final class Bucket4jRateLimiter implements RateLimiter {
  static final Duration MINUTE = Duration.ofMinutes(1);
  /** How often full buckets are looked for: a budget refills completely within a minute. */
  static final Duration SWEEP_INTERVAL = MINUTE;

  private final TimeMeter time;
  private final ConcurrentMap<String, LimitedBucket> buckets = new ConcurrentHashMap<>();
  private final SweepSchedule sweeps;

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
    this.sweeps = new SweepSchedule(SWEEP_INTERVAL, time.currentTimeNanos());
  }

  @Override
  public RateLimitOutcome tryConsume(String budget, RequestsPerMinute limit) {
    if (limit.isZero()) {
      throw new IllegalArgumentException("a zero limit is no limit: do not ask the limiter");
    }
    sweepIfDue();
    // Spent under the map's lock for this budget, so that a sweep never drops a bucket between
    // finding it and spending from it (the spending would be lost).
    RateLimitOutcome[] spent = new RateLimitOutcome[1];
    buckets.compute(budget, (key, existing) -> {
      LimitedBucket bucket = withLimit(existing, limit);
      spent[0] = outcome(bucket.bucket().tryConsumeAndReturnRemaining(1), limit);
      return bucket;
    });
    return Objects.requireNonNull(spent[0]);
  }

  /** How many budgets this instance holds in memory. */
  int budgetsHeld() {
    return buckets.size();
  }

  private LimitedBucket withLimit(@Nullable LimitedBucket existing, RequestsPerMinute limit) {
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
  }

  /** At most once per {@link #SWEEP_INTERVAL}, on the caller that finds it due: drops full buckets. */
  private void sweepIfDue() {
    if (!sweeps.claim(time.currentTimeNanos())) {
      return;
    }
    for (String budget : buckets.keySet()) {
      buckets.computeIfPresent(budget, (key, held) -> isFull(held) ? null : held);
    }
  }

  private static boolean isFull(LimitedBucket held) {
    return held.bucket().getAvailableTokens() >= held.limit();
  }

  /** What a probe of spending one request under {@code limit} comes to. */
  static RateLimitOutcome outcome(ConsumptionProbe probe, RequestsPerMinute limit) {
    Duration untilFull = Duration.ofNanos(probe.getNanosToWaitForReset());
    return probe.isConsumed()
        ? new RateLimitOutcome.Admitted(limit.value(), probe.getRemainingTokens(), untilFull)
        : new RateLimitOutcome.Refused(limit.value(), Duration.ofNanos(probe.getNanosToWaitForRefill()), untilFull);
  }

  /** A bucket of one minute's worth, refilled continuously. */
  static BucketConfiguration configuration(RequestsPerMinute limit) {
    return BucketConfiguration.builder()
        .addLimit(b -> b.capacity(limit.value()).refillGreedy(limit.value(), MINUTE))
        .build();
  }

  private record LimitedBucket(Bucket bucket, long limit) {}
}
