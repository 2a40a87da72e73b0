package dev.latchkey.app.ratelimit;

import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Large shared budgets taken from Redis a few requests at a time, so that most calls on a busy
 * principal spend a request this instance already holds instead of a Redis round trip.
 *
 * <p>A budget under {@link #RESERVE_FROM} requests a minute (the default 30, and every limit up to
 * 1,999) is never reserved: each request is spent in Redis, exact across instances. From there an
 * instance takes {@link #batch} requests at once, a thousandth of the limit (at most {@link
 * #MAX_BATCH}), and spends them locally within {@link #KEEP}; what it has not spent by then is
 * dropped, never given back. Once half a batch is spent it takes the next one in the background,
 * so that callers rarely wait for Redis. What that trades, for those large budgets only: while one
 * instance holds requests another may be refused that many requests early, and requests taken up
 * to {@link #KEEP} before a moment may be spent after it; both are at most two batches, two
 * thousandths of the limit, per instance. Never more in Redis than the budget: a
 * reservation that no longer fits is not made, and the requests of that budget are spent one at a
 * time for the next {@link #KEEP}.
 *
 * <p>What a call reports while it spends a held request is what Redis said when they were taken,
 * plus what this instance still holds: other instances' spending since then shows on its next
 * reservation.
 */
final class PermitReservations {
  /** The smallest limit whose requests are taken more than one at a time. */
  static final long RESERVE_FROM = 2_000;
  /** The most requests taken at once. */
  static final long MAX_BATCH = 100;
  /** How long taken requests may be spent: unspent after this, they are dropped. */
  static final Duration KEEP = Duration.ofSeconds(1);
  /** Budgets not called for this long are forgotten (what they held is dropped). */
  static final Duration IDLE = Duration.ofMinutes(1);

  /** Spends {@code permits} requests of a budget at once in the shared store, or none. */
  @FunctionalInterface
  interface Store {
    RateLimitOutcome tryConsume(String budget, RequestsPerMinute limit, long permits);
  }

  private final Store store;
  private final Executor background;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<String, Held> held = new ConcurrentHashMap<>();
  private final SweepSchedule sweeps;

  /** @param background where the next batch is taken while callers spend the one held */
  PermitReservations(Store store, Executor background, LongSupplier nanoTime) {
    this.store = store;
    this.background = background;
    this.nanoTime = nanoTime;
    this.sweeps = new SweepSchedule(IDLE, nanoTime.getAsLong());
  }

  /** How many requests of {@code limit} are taken at once: 1 below {@link #RESERVE_FROM}. */
  static long batch(RequestsPerMinute limit) {
    return limit.value() < RESERVE_FROM ? 1 : Math.min(MAX_BATCH, limit.value() / 1_000);
  }

  RateLimitOutcome tryConsume(String budget, RequestsPerMinute limit) {
    long batch = batch(limit);
    if (batch == 1) {
      return store.tryConsume(budget, limit, 1);
    }
    sweepIfDue();
    Held budgetHeld = held.computeIfAbsent(budget, b -> new Held(nanoTime.getAsLong()));
    boolean takeAhead;
    RateLimitOutcome.Admitted spent;
    synchronized (budgetHeld) {
      long now = nanoTime.getAsLong();
      budgetHeld.lastUsedNanos = now;
      long age = now - budgetHeld.takenAtNanos;
      if (budgetHeld.limit != limit.value() || age >= KEEP.toNanos()) {
        budgetHeld.left = 0;
      }
      if (budgetHeld.left == 0) {
        if (now - budgetHeld.singlyUntilNanos < 0) {
          return store.tryConsume(budget, limit, 1);
        }
        // One caller at a time per budget takes a batch on this instance: the others wait for it
        // rather than race it to Redis.
        RateLimitOutcome taken = store.tryConsume(budget, limit, batch);
        if (!(taken instanceof RateLimitOutcome.Admitted admitted)) {
          // Fewer than a batch left: the last requests of the budget are spent one at a time, for
          // a while, so that a principal calling beyond its budget does not cost two round trips.
          budgetHeld.singlyUntilNanos = now + KEEP.toNanos();
          return store.tryConsume(budget, limit, 1);
        }
        budgetHeld.taken(limit.value(), batch, admitted, now);
        age = 0;
      }
      budgetHeld.left--;
      spent = new RateLimitOutcome.Admitted(limit.value(), budgetHeld.remainingInStore + budgetHeld.left,
          Duration.ofNanos(Math.max(0, budgetHeld.untilFullNanos - age)));
      takeAhead = budgetHeld.left <= batch / 2 && !budgetHeld.takingAhead;
      budgetHeld.takingAhead |= takeAhead;
    }
    if (takeAhead) {
      takeAhead(budget, limit, batch, budgetHeld);
    }
    return spent;
  }

  /**
   * Takes the next batch while the held requests last, so that callers rarely wait for Redis. What
   * it takes is added to what is held; if that ran out meanwhile and a caller took a batch itself,
   * this instance holds up to two batches for a moment.
   */
  private void takeAhead(String budget, RequestsPerMinute limit, long batch, Held budgetHeld) {
    try {
      background.execute(() -> {
        @Nullable RateLimitOutcome taken;
        try {
          taken = store.tryConsume(budget, limit, batch);
        } catch (RuntimeException e) {
          // Redis away or slow: the next caller that finds nothing held finds out, and says so.
          taken = null;
        }
        synchronized (budgetHeld) {
          budgetHeld.takingAhead = false;
          if (taken instanceof RateLimitOutcome.Admitted admitted && budgetHeld.limit == limit.value()) {
            long now = nanoTime.getAsLong();
            // What is still held joins the new batch, unless it is past its second already.
            long stillHeld = now - budgetHeld.takenAtNanos < KEEP.toNanos() ? budgetHeld.left : 0;
            budgetHeld.taken(limit.value(), stillHeld + batch, admitted, now);
          }
        }
      });
    } catch (RejectedExecutionException e) {
      synchronized (budgetHeld) {
        budgetHeld.takingAhead = false;
      }
    }
  }

  /** How many budgets this instance holds requests of (or held, within the last minute). */
  int budgetsHeld() {
    return held.size();
  }

  private void sweepIfDue() {
    long now = nanoTime.getAsLong();
    if (!sweeps.claim(now)) {
      return;
    }
    held.values().removeIf(h -> now - h.lastUsedNanos >= IDLE.toNanos());
  }

  /** The requests of one budget this instance took and has not spent yet. Guarded by itself. */
  private static final class Held {
    long limit;
    long left;
    long remainingInStore;
    long untilFullNanos;
    long takenAtNanos;
    long singlyUntilNanos;
    boolean takingAhead;
    volatile long lastUsedNanos;

    Held(long createdNanos) {
      this.singlyUntilNanos = createdNanos;
      this.lastUsedNanos = createdNanos;
    }

    /** Now holds {@code left} requests of {@code limit}, after Redis admitted a batch with {@code admitted}. */
    void taken(long limit, long left, RateLimitOutcome.Admitted admitted, long now) {
      this.limit = limit;
      this.left = left;
      this.remainingInStore = admitted.remaining();
      this.untilFullNanos = admitted.untilFull().toNanos();
      this.takenAtNanos = now;
    }
  }
}
