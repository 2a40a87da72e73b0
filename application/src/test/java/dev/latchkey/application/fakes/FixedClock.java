package dev.latchkey.application.fakes;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** A clock that always says the same time. */
public record FixedClock(Instant instant) implements InstantSource {
  /** The time the fixtures use, unless a test says otherwise. */
  public static final Instant DEFAULT = Instant.parse("2026-03-01T12:00:00Z");

  public FixedClock {
    Objects.requireNonNull(instant, "instant");
  }

  public FixedClock() {
    this(DEFAULT);
  }
}
