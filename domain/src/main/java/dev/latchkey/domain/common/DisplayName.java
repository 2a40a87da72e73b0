package dev.latchkey.domain.common;

import java.util.Objects;

/** A human-readable name: 1 to 100 characters after trimming, no control characters. */
public record DisplayName(String value) {
  public static final int MAX_LENGTH = 100;

  public DisplayName {
    Objects.requireNonNull(value, "value");
    value = value.strip();
    String problem = Text.problem(value, MAX_LENGTH, false);
    if (problem != null) {
      throw new InvalidValueException(problem);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
