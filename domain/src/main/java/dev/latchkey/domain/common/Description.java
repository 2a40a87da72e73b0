package dev.latchkey.domain.common;

import java.util.Objects;

/** Free text saying what something is for: at most 1000 characters, may be empty, may span lines. */
public record Description(String value) {
  public static final int MAX_LENGTH = 1000;
  public static final Description EMPTY = new Description("");

  public Description {
    Objects.requireNonNull(value, "value");
    // Browsers and Windows send CRLF; store one newline convention.
    value = value.replace("\r\n", "\n").strip();
    String problem = Text.problem(value, MAX_LENGTH, true);
    if (problem != null) {
      throw new InvalidValueException(problem);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
