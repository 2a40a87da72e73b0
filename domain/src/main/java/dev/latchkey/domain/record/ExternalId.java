package dev.latchkey.domain.record;

import dev.latchkey.domain.common.InvalidValueException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id a record has in the system it is synced from (a CRM id, an email, a path): unique per data
 * model in a tenant. 1 to 255 characters of {@code A-Z a-z 0-9 . _ ~ : @ + = / -}: enough for the
 * ids sync tools send, nothing that needs quoting in a filter, a URL path or a shell.
 */
public record ExternalId(String value) {
  public static final int MAX_LENGTH = 255;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._~:@+=/-]{1,255}");

  public ExternalId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new InvalidValueException("must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidValueException("at most " + MAX_LENGTH + " characters");
    }
    if (!SHAPE.matcher(value).matches()) {
      throw new InvalidValueException("may hold only letters, digits and . _ ~ : @ + = / -");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
