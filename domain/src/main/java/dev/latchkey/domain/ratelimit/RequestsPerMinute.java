package dev.latchkey.domain.ratelimit;

import dev.latchkey.domain.common.InvalidValueException;

/**
 * A rate limit in requests per minute, from 0 to {@link #MAX}. What 0 means depends on where it is
 * set: the server default turns limits off, an override inherits.
 */
public record RequestsPerMinute(long value) {
  public static final long MAX = 100_000_000L;
  public static final RequestsPerMinute NONE = new RequestsPerMinute(0);

  public RequestsPerMinute {
    if (value < 0 || value > MAX) {
      throw new InvalidValueException("requests per minute must be between 0 and 100,000,000, not " + value);
    }
  }

  public boolean isZero() {
    return value == 0;
  }
}
