package dev.latchkey.adapter.grpc.mapping;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/**
 * A {@link Struct} as compact JSON, written directly: the ingestion path prints up to 5,000 of
 * these per call, and {@code JsonFormat} costs several times more for the same text.
 */
final class StructJson {
  /** Deeper nesting is refused, well within what protobuf parses (100). */
  static final int MAX_DEPTH = 32;

  private StructJson() {}

  /**
   * {@code struct} as a JSON object.
   *
   * @throws IllegalArgumentException for NaN or infinite numbers, nesting deeper than {@link #MAX_DEPTH}, or
   *     text that is not valid Unicode
   */
  static String print(Struct struct) {
    StringBuilder out = new StringBuilder(64);
    object(out, struct, 0);
    return out.toString();
  }

  private static void object(StringBuilder out, Struct struct, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested too deeply");
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Value> field : struct.getFieldsMap().entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, field.getKey());
      out.append(':');
      value(out, field.getValue(), depth + 1);
    }
    out.append('}');
  }

  private static void list(StringBuilder out, ListValue list, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested too deeply");
    }
    out.append('[');
    for (int i = 0; i < list.getValuesCount(); i++) {
      if (i > 0) {
        out.append(',');
      }
      value(out, list.getValues(i), depth + 1);
    }
    out.append(']');
  }

  private static void value(StringBuilder out, Value value, int depth) {
    switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> out.append("null");
      case BOOL_VALUE -> out.append(value.getBoolValue());
      case STRING_VALUE -> string(out, value.getStringValue());
      case STRUCT_VALUE -> object(out, value.getStructValue(), depth);
      case LIST_VALUE -> list(out, value.getListValue(), depth);
      case NUMBER_VALUE -> {
        double number = value.getNumberValue();
        if (!Double.isFinite(number)) {
          throw new IllegalArgumentException("not a JSON number: " + number);
        }
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
          out.append((long) number);
        } else {
          out.append(number);
        }
      }
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
            // Not reachable from a parsed message (protobuf refuses invalid UTF-8); jsonb would refuse it.
            throw new IllegalArgumentException("not valid Unicode");
          } else if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean validSurrogateAt(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
