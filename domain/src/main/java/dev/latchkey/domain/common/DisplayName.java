package dev.latchkey.domain.common;

import java.text.Normalizer;
import java.util.Objects;

/**
 * A human-readable name: 1 to 100 characters after trimming, NFC-normalised, no control or
 * format characters (bidi overrides and zero-width characters would let a name look like another).
 */
public record DisplayName(String value) {
  public static final int MAX_LENGTH = 100;

  public DisplayName {
    Objects.requireNonNull(value, "value");
    value = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
    String problem = Text.problem(value, MAX_LENGTH, false);
    if (problem == null && value.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
      problem = "must not contain invisible formatting characters (bidi controls, zero-width characters)";
    }
    if (problem != null) {
      throw new InvalidValueException(problem);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
