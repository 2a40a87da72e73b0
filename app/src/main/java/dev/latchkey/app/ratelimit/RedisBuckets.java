package dev.latchkey.app.ratelimit;

import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The budgets in Redis, through bucket4j's Lettuce backend: exact across every instance sharing
 * that Redis. bucket4j keeps each bucket under one key and updates it by compare-and-swap, so
 * concurrent instances never both spend the same request. Each key expires a little after its
 * bucket would be full again (a missing key is a full bucket), so Redis holds only the budgets in
 * use. Failures (Redis unreachable, a command slower than the timeout) are thrown to the caller.
 */
final class RedisBuckets implements RateLimiter {
  /** How long a key outlives the moment its bucket is full: covers the instances' clock error. */
  static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(5);
  /** Proxies not used for this long are dropped from this instance's memory (never from Redis). */
  static final Duration PROXY_IDLE = Duration.ofMinutes(1);

  private final ProxyManager<byte[]> buckets;
  private final String keyPrefix;
  private final ConcurrentMap<ProxyKey, HeldProxy> proxies = new ConcurrentHashMap<>();
  private final SweepSchedule sweeps = new SweepSchedule(PROXY_IDLE, System.nanoTime());

  /**
   * @param keyPrefix put before every key, e.g. {@code latchkey:ratelimit:}
   * @param clock Redis's time (see {@link RedisClock}), so that instances' clocks do not matter
   * @param timeout the longest a call waits for Redis, compare-and-swap retries included
   */
  RedisBuckets(StatefulRedisConnection<byte[], byte[]> connection, String keyPrefix, TimeMeter clock, Duration timeout) {
    this.keyPrefix = keyPrefix;
    this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
        .clientClock(clock)
        .requestTimeout(timeout)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
        .build();
  }

  @Override
  public RateLimitOutcome tryConsume(String budget, RequestsPerMinute limit) {
    return tryConsume(budget, limit, 1);
  }

  /**
   * Spends {@code permits} requests of {@code budget} at once, or none: admitted with what remains
   * after all of them, or refused.
   */
  RateLimitOutcome tryConsume(String budget, RequestsPerMinute limit, long permits) {
    if (limit.isZero()) {
      throw new IllegalArgumentException("a zero limit is no limit: do not ask the limiter");
    }
    if (permits < 1 || permits > limit.value()) {
      throw new IllegalArgumentException("permits must be between 1 and the limit: " + permits);
    }
    BucketProxy bucket = proxy(budget, limit);
    VerboseResult<ConsumptionProbe> spent = bucket.asVerbose().tryConsumeAndReturnRemaining(permits);
    long stored = spent.getConfiguration().getBandwidths()[0].getCapacity();
    if (stored == limit.value()) {
      return Bucket4jRateLimiter.outcome(spent.getValue(), limit);
    }
    // The bucket was written under another limit: give the requests back, carry what was spent
    // over to the new limit as the in-process limiter does, and spend the requests under it.
    if (spent.getValue().isConsumed()) {
      bucket.addTokens(permits);
    }
    if (stored < limit.value()) {
      bucket.replaceConfiguration(Bucket4jRateLimiter.configuration(limit), TokensInheritanceStrategy.ADDITIVE);
    } else {
      bucket.tryConsumeAsMuchAsPossible(stored - limit.value());
      bucket.replaceConfiguration(Bucket4jRateLimiter.configuration(limit), TokensInheritanceStrategy.AS_IS);
    }
    return Bucket4jRateLimiter.outcome(bucket.tryConsumeAndReturnRemaining(permits), limit);
  }

  /** The Redis key of {@code budget}. */
  byte[] key(String budget) {
    return (keyPrefix + budget).getBytes(StandardCharsets.UTF_8);
  }

  /** How many bucket proxies this instance holds in memory. */
  int proxiesHeld() {
    return proxies.size();
  }

  /**
   * One proxy per budget and limit, reused: bucket4j's batching then sends the concurrent requests
   * of this instance for one budget to Redis as one compare-and-swap instead of racing each other.
   */
  private BucketProxy proxy(String budget, RequestsPerMinute limit) {
    sweepIfDue();
    HeldProxy held = proxies.computeIfAbsent(new ProxyKey(budget, limit.value()), k -> new HeldProxy(
        buckets.builder().withOptimization(Optimizations.batching())
            .build(key(budget), () -> Bucket4jRateLimiter.configuration(limit))));
    held.lastUsedNanos = System.nanoTime();
    return held.proxy;
  }

  private void sweepIfDue() {
    long now = System.nanoTime();
    if (!sweeps.claim(now)) {
      return;
    }
    proxies.values().removeIf(held -> now - held.lastUsedNanos >= PROXY_IDLE.toNanos());
  }

  private record ProxyKey(String budget, long limit) {}

  private static final class HeldProxy {
    final BucketProxy proxy;
    volatile long lastUsedNanos;

    HeldProxy(BucketProxy proxy) {
      this.proxy = proxy;
    }
  }
}
