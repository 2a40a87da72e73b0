package dev.latchkey.domain.common;

import org.jspecify.annotations.Nullable;

/** Shared checks for free text that people type and other people read. */
final class Text {
  private Text() {}

  /** What is wrong with {@code value}, or null when nothing is. */
  static @Nullable String problem(String value, int maxLength, boolean emptyAllowed) {
    if (value.isEmpty()) {
      return emptyAllowed ? null : "must not be empty";
    }
    if (value.codePointCount(0, value.length()) > maxLength) {
      return "must be at most " + maxLength + " characters";
    }
    boolean multiline = maxLength > DisplayName.MAX_LENGTH;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t'))) {
        return "must not contain control characters";
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1)))
          && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))) {
        return "must be valid Unicode";
      }
    }
    return null;
  }
}
