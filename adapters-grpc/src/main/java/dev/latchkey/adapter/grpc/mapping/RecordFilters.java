package dev.latchkey.adapter.grpc.mapping;

import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.FieldValue;
import dev.latchkey.domain.record.RecordFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filter of {@code ListRecords}, a subset of AIP-160: terms joined by {@code AND}, each one of
 * {@code external_id = "..."}, {@code update_time} compared ({@code > >= < <=}) with an RFC 3339
 * time in quotes, or {@code fields.<key> = } a quoted string, a number, {@code true} or {@code
 * false}. Parsed into a {@link RecordFilter}; its values reach the database only as bound values.
 */
public final class RecordFilters {
  /** Far above any useful filter; bounds the work done on a hostile one. */
  static final int MAX_LENGTH = 1024;
  static final int MAX_TERMS = 10;
  static final String SUPPORTED = "supported: external_id = \"...\", update_time > \"2026-01-01T00:00:00Z\" "
      + "(or >=, <, <=), fields.<key> = \"text\" | number | true | false, joined by AND";
  private static final Pattern TERM = Pattern.compile(
      "\\s*(external_id|update_time|fields\\.[A-Za-z0-9_]{1,64})\\s*(>=|<=|=|>|<)\\s*"
          + "(\"[^\"\\\\]*\"|-?[0-9]{1,30}(?:\\.[0-9]{1,30})?(?:[eE][+-]?[0-9]{1,3})?|true|false)");
  private static final Pattern AND = Pattern.compile("\\s+AND\\s+");
  private static final Pattern END = Pattern.compile("\\s*");

  private RecordFilters() {}

  /** The filter in {@code text}; {@link RecordFilter#none()} after recording a violation of {@code field}. */
  public static RecordFilter parse(RequestFields fields, String field, String text) {
    if (text.isBlank()) {
      return RecordFilter.none();
    }
    if (text.length() > MAX_LENGTH) {
      fields.violation(field, "at most " + MAX_LENGTH + " characters; " + SUPPORTED);
      return RecordFilter.none();
    }
    Builder filter = new Builder();
    Matcher m = TERM.matcher(text);
    int at = 0;
    for (int terms = 1; ; terms++) {
      m.region(at, text.length());
      if (!m.lookingAt()) {
        fields.violation(field, "cannot read the filter at character " + (at + 1) + "; " + SUPPORTED);
        return RecordFilter.none();
      }
      Optional<String> problem = filter.add(m.group(1), m.group(2), m.group(3));
      if (problem.isPresent()) {
        fields.violation(field, problem.get());
        return RecordFilter.none();
      }
      at = m.end();
      Matcher end = END.matcher(text).region(at, text.length());
      if (end.matches()) {
        return filter.build();
      }
      Matcher and = AND.matcher(text).region(at, text.length());
      if (!and.lookingAt() || terms >= MAX_TERMS) {
        fields.violation(field, terms >= MAX_TERMS ? "at most " + MAX_TERMS + " terms"
            : "terms must be joined by AND; " + SUPPORTED);
        return RecordFilter.none();
      }
      at = and.end();
    }
  }

  private static final class Builder {
    private Optional<ExternalId> externalId = Optional.empty();
    private Optional<RecordFilter.Bound> after = Optional.empty();
    private Optional<RecordFilter.Bound> before = Optional.empty();
    private final Map<String, FieldValue> fieldEquals = new LinkedHashMap<>();

    Optional<String> add(String name, String op, String value) {
      boolean quoted = value.startsWith("\"");
      String text = quoted ? value.substring(1, value.length() - 1) : value;
      switch (name) {
        case "external_id" -> {
          if (!op.equals("=") || !quoted) {
            return Optional.of("external_id takes = and a quoted id");
          }
          if (externalId.isPresent()) {
            return Optional.of("external_id appears twice");
          }
          try {
            externalId = Optional.of(new ExternalId(text));
          } catch (IllegalArgumentException e) {
            return Optional.of("external_id: " + e.getMessage());
          }
        }
        case "update_time" -> {
          if (op.equals("=") || !quoted) {
            return Optional.of("update_time takes >, >=, < or <= and a quoted RFC 3339 time");
          }
          Instant time;
          try {
            time = OffsetDateTime.parse(text).toInstant();
          } catch (DateTimeParseException e) {
            return Optional.of("update_time needs an RFC 3339 time like \"2026-01-01T00:00:00Z\"");
          }
          RecordFilter.Bound bound = new RecordFilter.Bound(time, op.length() == 2);
          if (op.startsWith(">")) {
            if (after.isPresent()) {
              return Optional.of("update_time has two lower bounds");
            }
            after = Optional.of(bound);
          } else {
            if (before.isPresent()) {
              return Optional.of("update_time has two upper bounds");
            }
            before = Optional.of(bound);
          }
        }
        default -> {
          String key = name.substring("fields.".length());
          if (!op.equals("=")) {
            return Optional.of(name + " takes =");
          }
          if (fieldEquals.containsKey(key)) {
            return Optional.of(name + " appears twice");
          }
          try {
            fieldEquals.put(key, quoted ? new FieldValue.StringValue(text)
                : text.equals("true") || text.equals("false") ? new FieldValue.BoolValue(text.equals("true"))
                : new FieldValue.NumberValue(Double.parseDouble(text)));
          } catch (IllegalArgumentException e) {
            return Optional.of(name + ": " + e.getMessage());
          }
        }
      }
      return Optional.empty();
    }

    RecordFilter build() {
      return new RecordFilter(externalId, after, before, fieldEquals);
    }
  }
}
