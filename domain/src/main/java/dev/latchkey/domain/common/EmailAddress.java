package dev.latchkey.domain.common;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An email address as people type them: trimmed, at most 254 characters, one {@code @}, a local
 * part of at most 64 characters and a dotted domain. Compared case-insensitively via {@link
 * #normalized()}.
 */
public record EmailAddress(String value) {
  private static final Pattern SHAPE =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)"
              + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  public EmailAddress {
    Objects.requireNonNull(value, "value");
    value = value.strip();
    if (value.isEmpty()) {
      throw new InvalidValueException("must not be empty");
    }
    if (value.length() > 254 || !SHAPE.matcher(value).matches()
        || value.startsWith(".") || value.contains("..") || value.contains(".@")) {
      throw new InvalidValueException("must be an email address like name@example.com");
    }
  }

  /** The form used for uniqueness: lowercase. */
  public String normalized() {
    return value.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
