package dev.latchkey.domain.record;

import dev.latchkey.domain.common.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The fields of a record: a JSON object of at most {@link #MAX_KEYS} top-level keys, nested at
 * most {@link #MAX_DEPTH} levels deep (the object itself is level 1), at most {@link #MAX_BYTES}
 * bytes as compact JSON in UTF-8. Top-level keys are 1 to 64 characters of {@code A-Z a-z 0-9 _}
 * (they appear in update masks and filters as {@code fields.<key>}); keys of nested objects are 1
 * to 256 characters without NUL.
 */
public final class RecordFields {
  public static final int MAX_KEYS = 100;
  public static final int MAX_DEPTH = 8;
  public static final int MAX_BYTES = 64 * 1024;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final RecordFields EMPTY = new RecordFields(Map.of(), "{}");

  private final Map<String, FieldValue> values;
  private final String json;

  private RecordFields(Map<String, FieldValue> values, String json) {
    this.values = values;
    this.json = json;
  }

  public static RecordFields empty() {
    return EMPTY;
  }

  /**
   * The fields {@code values} within the limits.
   *
   * @throws InvalidValueException naming the first limit broken
   */
  public static RecordFields of(Map<String, FieldValue> values) {
    Objects.requireNonNull(values, "values");
    if (values.size() > MAX_KEYS) {
      throw new InvalidValueException("at most " + MAX_KEYS + " top-level keys, not " + values.size());
    }
    for (Map.Entry<String, FieldValue> e : values.entrySet()) {
      requireKey(e.getKey());
      requireDepth(e.getValue(), 2);
    }
    Map<String, FieldValue> copy = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    String json = Json.write(new FieldValue.StructValue(copy));
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new InvalidValueException("at most " + MAX_BYTES + " bytes as JSON");
    }
    return new RecordFields(copy, json);
  }

  /** Fields as stored (by {@link #toJson}): trusted, not checked against today's limits. */
  public static RecordFields stored(String json) {
    FieldValue parsed = Json.parse(json);
    if (!(parsed instanceof FieldValue.StructValue s)) {
      throw new IllegalArgumentException("stored fields are not a JSON object");
    }
    return new RecordFields(s.fields(), json);
  }

  /**
   * Whether {@code key} is a valid top-level key.
   *
   * @throws InvalidValueException if it is not
   */
  public static String requireKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new InvalidValueException("keys must be 1 to 64 characters of A-Z, a-z, 0-9 and _");
    }
    return key;
  }

  private static void requireDepth(FieldValue value, int level) {
    switch (value) {
      case FieldValue.StructValue s -> {
        if (level > MAX_DEPTH) {
          throw new InvalidValueException("nested at most " + MAX_DEPTH + " levels deep");
        }
        s.fields().values().forEach(v -> requireDepth(v, level + 1));
      }
      case FieldValue.ListValue l -> {
        if (level > MAX_DEPTH) {
          throw new InvalidValueException("nested at most " + MAX_DEPTH + " levels deep");
        }
        l.values().forEach(v -> requireDepth(v, level + 1));
      }
      default -> { }
    }
  }

  public Map<String, FieldValue> values() {
    return values;
  }

  public Optional<FieldValue> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * These fields with each key of {@code changes} set to its value, or removed where the value is
   * empty.
   *
   * @throws InvalidValueException if the result breaks a limit
   */
  public RecordFields with(Map<String, Optional<FieldValue>> changes) {
    Map<String, FieldValue> next = new LinkedHashMap<>(values);
    changes.forEach((key, value) -> {
      if (value.isPresent()) {
        next.put(key, value.get());
      } else {
        next.remove(key);
      }
    });
    return of(next);
  }

  /** The top-level keys whose value differs between these fields and {@code other}, sorted. */
  public Set<String> changedKeys(RecordFields other) {
    Set<String> changed = new TreeSet<>();
    values.forEach((k, v) -> {
      if (!v.equals(other.values.get(k))) {
        changed.add(k);
      }
    });
    other.values.keySet().forEach(k -> {
      if (!values.containsKey(k)) {
        changed.add(k);
      }
    });
    return changed;
  }

  /** Compact JSON: what is stored, and what the size limit counts. */
  public String toJson() {
    return json;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordFields f && f.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return json;
  }
}
