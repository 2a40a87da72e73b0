package dev.latchkey.domain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The width of a metric bucket, in UTC. */
public enum Interval {
  HOUR(ChronoUnit.HOURS),
  DAY(ChronoUnit.DAYS);

  private final ChronoUnit unit;

  Interval(ChronoUnit unit) {
    this.unit = unit;
  }

  public Duration length() {
    return unit.getDuration();
  }

  /** The start of the bucket holding {@code time}. */
  public Instant floor(Instant time) {
    return time.truncatedTo(unit);
  }

  /** The start of the first bucket at or after {@code time}. */
  public Instant ceiling(Instant time) {
    Instant floor = floor(time);
    return floor.equals(time) ? floor : floor.plus(length());
  }
}
