package dev.latchkey.adapter.postgres;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** Conversions between column values and domain values shared by the repositories. */
final class Rows {
  private Rows() {}

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime time) {
    return time.toInstant();
  }

  /** For a nullable column. */
  static @Nullable OffsetDateTime nullableTime(@Nullable Instant instant) {
    return instant == null ? null : time(instant);
  }

  /** For a nullable column. */
  static @Nullable Instant nullableInstant(@Nullable OffsetDateTime time) {
    return time == null ? null : instant(time);
  }
}
