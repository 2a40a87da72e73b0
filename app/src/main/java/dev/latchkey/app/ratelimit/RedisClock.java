package dev.latchkey.app.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.util.function.LongSupplier;

/**
 * Redis's time, as every instance sharing that Redis sees it: this machine's monotonic clock plus
 * the offset last measured against Redis's {@code TIME}. bucket4j's Redis backends compute the
 * bucket on the client with the client's wall clock by default, so an instance whose clock runs a
 * minute ahead would find every budget refilled; with this clock the instances agree to within
 * half a round trip to Redis, and the machine's wall clock plays no part.
 */
final class RedisClock implements TimeMeter {
  private final LongSupplier monotonicNanos;
  private volatile long offsetNanos;

  /** @param monotonicNanos {@link System#nanoTime}, or a stand-in in tests */
  RedisClock(LongSupplier monotonicNanos) {
    this.monotonicNanos = monotonicNanos;
  }

  /** Now on this machine's monotonic clock: read before and after asking Redis for its time. */
  long monotonicNow() {
    return monotonicNanos.getAsLong();
  }

  /**
   * Takes Redis's answer to {@code TIME}, read between {@code sentAt} and {@code receivedAt}
   * ({@link #monotonicNow}), as its time at the middle of the round trip.
   */
  void synchronize(long sentAt, long redisEpochNanos, long receivedAt) {
    offsetNanos = redisEpochNanos - (sentAt + (receivedAt - sentAt) / 2);
  }

  /** Nanoseconds since the epoch by Redis's clock (bucket4j never minds it stepping back a little). */
  @Override
  public long currentTimeNanos() {
    return monotonicNanos.getAsLong() + offsetNanos;
  }

  @Override
  public boolean isWallClockBased() {
    return true;
  }
}
