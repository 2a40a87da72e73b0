package dev.latchkey.domain.analytics;

import dev.latchkey.domain.common.InvalidValueException;

/** Checks of the short texts that ingested items carry (external ids, actions, metric names). */
final class IngestText {
  static final int MAX_LENGTH = 255;

  private IngestText() {}

  /**
   * Returns {@code value} when it is 1 to 255 characters of valid Unicode without control
   * characters (PostgreSQL text cannot hold NUL at all); empty only when {@code optional}.
   *
   * @throws InvalidValueException naming {@code field} otherwise
   */
  static String check(String field, String value, boolean optional) {
    if (value.isEmpty()) {
      if (optional) {
        return value;
      }
      throw new InvalidValueException(field + ": must not be empty");
    }
    if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
      throw new InvalidValueException(field + ": must be at most " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidValueException(field + ": must not contain control characters");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidValueException(field + ": must be valid Unicode");
      }
    }
    return value;
  }
}
