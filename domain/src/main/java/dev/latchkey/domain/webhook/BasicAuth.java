package dev.latchkey.domain.webhook;

import dev.latchkey.domain.common.InvalidValueException;
import java.util.Objects;

/** HTTP Basic credentials sent to the receiver; the password is write-only and printed redacted. */
public record BasicAuth(String username, String password) {
  public static final int MAX_LENGTH = 256;

  public BasicAuth {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isEmpty() || username.length() > MAX_LENGTH) {
      throw new InvalidValueException("username must be 1 to " + MAX_LENGTH + " characters");
    }
    if (username.indexOf(':') >= 0) {
      throw new InvalidValueException("username must not contain ':' (HTTP Basic separates it from the password)");
    }
    if (password.length() > MAX_LENGTH) {
      throw new InvalidValueException("password must be at most " + MAX_LENGTH + " characters");
    }
    if (username.chars().anyMatch(Character::isISOControl) || password.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException("must not contain control characters");
    }
  }

  @Override
  public String toString() {
    return "BasicAuth[" + username + ", password redacted]";
  }
}
