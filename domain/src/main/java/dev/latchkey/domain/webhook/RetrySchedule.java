package dev.latchkey.domain.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after each failed attempt the next delay in the list,
 * varied by up to {@code jitter} either way so that retries of many events spread out; after the
 * last delay's attempt fails, never.
 *
 * @param disableAfter a webhook whose deliveries have failed without a success for this long is disabled
 */
public record RetrySchedule(List<Duration> delays, double jitter, Duration disableAfter) {
  /** 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight attempts over about a day, within 20%. */
  public static final RetrySchedule STANDARD = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
      Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
      0.2, Duration.ofDays(5));

  public RetrySchedule {
    delays = List.copyOf(delays);
    Objects.requireNonNull(disableAfter, "disableAfter");
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
  }

  /** The same schedule with every delay divided by {@code factor}: for tests, never in production. */
  public RetrySchedule scaledDown(long factor) {
    return new RetrySchedule(delays.stream().map(d -> d.dividedBy(factor)).toList(), jitter,
        disableAfter.dividedBy(factor));
  }

  /** The most attempts an event gets. */
  public int maxAttempts() {
    return delays.size() + 1;
  }

  /**
   * The wait before the attempt after failed attempt {@code attempt} (1-based), or empty when it
   * was the last.
   *
   * @param random uniform in [0, 1): where in the jitter range this retry falls
   */
  public Optional<Duration> delayAfter(int attempt, double random) {
    if (attempt < 1 || attempt > delays.size()) {
      return Optional.empty();
    }
    Duration base = delays.get(attempt - 1);
    double factor = 1 + jitter * (2 * random - 1);
    return Optional.of(Duration.ofNanos((long) (base.toNanos() * factor)));
  }
}
