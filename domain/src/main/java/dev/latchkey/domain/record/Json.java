package dev.latchkey.domain.record;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compact JSON for {@link FieldValue}s: written for storage, read back from it. */
final class Json {
  private Json() {}

  static String write(FieldValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(FieldValue value, StringBuilder out) {
    switch (value) {
      case FieldValue.NullValue n -> out.append("null");
      case FieldValue.BoolValue b -> out.append(b.value());
      case FieldValue.NumberValue n -> number(n.value(), out);
      case FieldValue.StringValue s -> string(s.value(), out);
      case FieldValue.ListValue l -> {
        out.append('[');
        for (int i = 0; i < l.values().size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(l.values().get(i), out);
        }
        out.append(']');
      }
      case FieldValue.StructValue s -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, FieldValue> e : s.fields().entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(e.getKey(), out);
          out.append(':');
          write(e.getValue(), out);
        }
        out.append('}');
      }
    }
  }

  private static void number(double d, StringBuilder out) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(Double.toString(d));
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * The value in {@code text}, JSON as PostgreSQL writes jsonb.
   *
   * @throws IllegalArgumentException if it is not JSON
   */
  static FieldValue parse(String text) {
    Parser p = new Parser(text);
    FieldValue value = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw new IllegalArgumentException("trailing characters in JSON");
    }
    return value;
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    FieldValue value() {
      skipSpace();
      if (pos >= text.length()) {
        throw new IllegalArgumentException("unexpected end of JSON");
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> new FieldValue.StringValue(string());
        case 't' -> literal("true", new FieldValue.BoolValue(true));
        case 'f' -> literal("false", new FieldValue.BoolValue(false));
        case 'n' -> literal("null", new FieldValue.NullValue());
        default -> number();
      };
    }

    private FieldValue literal(String word, FieldValue value) {
      if (!text.startsWith(word, pos)) {
        throw new IllegalArgumentException("bad JSON literal at " + pos);
      }
      pos += word.length();
      return value;
    }

    private FieldValue object() {
      pos++;
      Map<String, FieldValue> fields = new LinkedHashMap<>();
      skipSpace();
      if (peek() == '}') {
        pos++;
        return new FieldValue.StructValue(fields);
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        fields.put(key, value());
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else {
          expect('}');
          return new FieldValue.StructValue(fields);
        }
      }
    }

    private FieldValue array() {
      pos++;
      List<FieldValue> values = new ArrayList<>();
      skipSpace();
      if (peek() == ']') {
        pos++;
        return new FieldValue.ListValue(values);
      }
      while (true) {
        values.add(value());
        skipSpace();
        if (peek() == ',') {
          pos++;
        } else {
          expect(']');
          return new FieldValue.ListValue(values);
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw new IllegalArgumentException("unterminated JSON string");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> throw new IllegalArgumentException("bad JSON escape at " + pos);
        }
      }
    }

    private FieldValue number() {
      int start = pos;
      while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException("bad JSON at " + pos);
      }
      return new FieldValue.NumberValue(Double.parseDouble(text.substring(start, pos)));
    }

    private char peek() {
      if (pos >= text.length()) {
        throw new IllegalArgumentException("unexpected end of JSON");
      }
      return text.charAt(pos);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + pos);
      }
      pos++;
    }
  }
}
