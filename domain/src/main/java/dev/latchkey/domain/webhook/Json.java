package dev.latchkey.domain.webhook;

import java.util.Map;

/** Just enough JSON writing for event payloads, without a library in the domain. */
public final class Json {
  private Json() {}

  /** {@code text} as a JSON string literal. */
  public static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** An object of string values, in the map's order. */
  public static String object(Map<String, String> fields) {
    StringBuilder out = new StringBuilder("{");
    fields.forEach((k, v) -> {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(string(k)).append(':').append(string(v));
    });
    return out.append('}').toString();
  }
}
