package dev.latchkey.domain.record;

import dev.latchkey.domain.common.InvalidValueException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One JSON-like value in a record's fields, as {@code google.protobuf.Value} carries it. Numbers are
 * finite doubles (JSON has no NaN or Infinity, and neither does PostgreSQL's jsonb); strings and
 * keys hold no NUL character (jsonb cannot store one).
 */
public sealed interface FieldValue {
  /** The most characters a key of a nested object may have. */
  int MAX_NESTED_KEY_LENGTH = 256;

  record NullValue() implements FieldValue {}

  record BoolValue(boolean value) implements FieldValue {}

  record NumberValue(double value) implements FieldValue {
    public NumberValue {
      if (!Double.isFinite(value)) {
        throw new InvalidValueException("numbers must be finite (no NaN or Infinity)");
      }
      // JSON (and jsonb) have no negative zero: stored and read back it is 0, so it is 0 here too.
      if (value == 0.0) {
        value = 0.0;
      }
    }
  }

  record StringValue(String value) implements FieldValue {
    public StringValue {
      Objects.requireNonNull(value, "value");
      requireNoNul(value, "strings");
    }
  }

  record ListValue(List<FieldValue> values) implements FieldValue {
    public ListValue {
      values = List.copyOf(values);
    }
  }

  record StructValue(Map<String, FieldValue> fields) implements FieldValue {
    public StructValue {
      Objects.requireNonNull(fields, "fields");
      for (String key : fields.keySet()) {
        if (key.isEmpty() || key.length() > MAX_NESTED_KEY_LENGTH) {
          throw new InvalidValueException("keys of nested objects must have 1 to " + MAX_NESTED_KEY_LENGTH
              + " characters");
        }
        requireNoNul(key, "keys");
      }
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  private static void requireNoNul(String text, String what) {
    if (text.indexOf('\u0000') >= 0) {
      throw new InvalidValueException(what + " must not contain the NUL character");
    }
  }
}
