package dev.latchkey.domain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The times ingested items may carry: at most 30 days back (late delivery, backfills of a month)
 * and at most one day ahead (clock skew), so that a wrong clock or unit cannot scatter rows over
 * partitions that retention has dropped or that do not exist yet.
 */
public final class IngestWindow {
  public static final Duration BACK = Duration.ofDays(30);
  public static final Duration AHEAD = Duration.ofDays(1);

  private IngestWindow() {}

  /** Why {@code time} is refused at {@code now}, if it is. */
  public static Optional<String> problem(Instant time, Instant now) {
    if (time.isBefore(now.minus(BACK))) {
      return Optional.of("time: more than 30 days ago");
    }
    if (time.isAfter(now.plus(AHEAD))) {
      return Optional.of("time: more than 1 day ahead");
    }
    return Optional.empty();
  }
}
