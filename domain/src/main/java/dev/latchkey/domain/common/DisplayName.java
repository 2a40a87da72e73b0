package dev.latchkey.domain.common;

import java.text.Normalizer;
import java.util.Objects;

/**
 * A human-readable name: 1 to 100 characters after trimming, NFC-normalised, no control or
 * format characters (bidi overrides and zero-width characters would let a name look like another).
 */
public record DisplayName(String value) {
  public static final int MAX_LENGTH = 100;
  /** What a stored name that held nothing but invisible characters reads as. */
  static final String UNNAMED = "(unnamed)";

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

  /**
   * A name read back from storage. Rows written before format characters were refused may hold
   * some; they are dropped here rather than refused, so that such a row stays readable (and is
   * stored clean on its next update) instead of failing every call that loads it.
   */
  public static DisplayName stored(String value) {
    StringBuilder visible = new StringBuilder(value.length());
    value.codePoints().filter(c -> Character.getType(c) != Character.FORMAT).forEach(visible::appendCodePoint);
    return new DisplayName(visible.toString().isBlank() ? UNNAMED : visible.toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
