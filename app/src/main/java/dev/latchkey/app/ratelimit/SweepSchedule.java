package dev.latchkey.app.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the in-memory tables of the limiters are next swept: at most once per interval, by the one
 * caller that finds it due (the others go on without waiting).
 */
final class SweepSchedule {
  private final long intervalNanos;
  private final AtomicLong nextNanos;

  /** @param startNanos the clock's reading now; the first sweep is due one interval later */
  SweepSchedule(Duration interval, long startNanos) {
    this.intervalNanos = interval.toNanos();
    this.nextNanos = new AtomicLong(startNanos + intervalNanos);
  }

  /** Whether the caller, at {@code nowNanos} on the same clock, is the one to sweep now. */
  boolean claim(long nowNanos) {
    long due = nextNanos.get();
    return nowNanos - due >= 0 && nextNanos.compareAndSet(due, nowNanos + intervalNanos);
  }
}
