package dev.latchkey.benchmarks.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one run, rendered as the console table, as Markdown and as JSON.
 *
 * @param facts date, commit, mode, command, machine, JDK... in the order shown
 * @param failures scenario name to the reason it produced no figures
 */
public record Report(Map<String, String> facts, List<Figure> figures, Map<String, String> failures) {
  private static final String[] HEADER = {"figure", "value", "unit", "read as"};

  public Report {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    figures = List.copyOf(figures);
    failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
  }

  /** Plain text: the facts, one aligned table, then any failures. */
  public String text() {
    List<String[]> rows = rows();
    int[] width = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    facts.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
    out.append('\n');
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      out.append(String.format(Locale.ROOT, "%-" + width[0] + "s  %" + width[1] + "s  %-" + width[2] + "s  %s",
          (Object[]) row).stripTrailing()).append('\n');
      if (r == 0) {
        out.append("-".repeat(width[0] + width[1] + width[2] + width[3] + 6)).append('\n');
      }
    }
    failures.forEach((scenario, reason) -> out.append("FAILED ").append(scenario).append(": ").append(reason)
        .append('\n'));
    return out.toString();
  }

  /** Markdown: the facts as a list, then the table. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    facts.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v.contains("`") ? v : "`" + v + "`")
        .append('\n'));
    out.append('\n');
    List<String[]> rows = rows();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r).clone();
      for (int i = 0; i < row.length; i++) {
        row[i] = row[i].replace("|", "\\|");
      }
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
      if (r == 0) {
        out.append("|---|--:|---|---|\n");
      }
    }
    if (!failures.isEmpty()) {
      out.append('\n');
      failures.forEach((scenario, reason) -> out.append("- FAILED `").append(scenario).append("`: ")
          .append(reason.replace('\n', ' ')).append('\n'));
    }
    return out.toString();
  }

  /** JSON: {@code facts}, {@code figures} (id, label, value, unit, ratio, read_as), {@code failures}. */
  public String json() {
    StringBuilder out = new StringBuilder("{\n  \"facts\": {");
    List<String> entries = new ArrayList<>();
    facts.forEach((k, v) -> entries.add("\n    " + quote(k) + ": " + quote(v)));
    out.append(String.join(",", entries)).append("\n  },\n  \"figures\": [");
    entries.clear();
    for (Figure f : figures) {
      entries.add(String.format(Locale.ROOT,
          "\n    {\"id\": %s, \"label\": %s, \"value\": %s, \"unit\": %s, \"ratio\": %s, \"read_as\": %s}",
          quote(f.id()), quote(f.label()), number(f.value()), quote(f.unit()),
          f.ratio() == null ? "null" : number(f.ratio()), quote(f.readAsText())));
    }
    out.append(String.join(",", entries)).append("\n  ],\n  \"failures\": {");
    entries.clear();
    failures.forEach((k, v) -> entries.add("\n    " + quote(k) + ": " + quote(v)));
    out.append(String.join(",", entries)).append(entries.isEmpty() ? "}\n}\n" : "\n  }\n}\n");
    return out.toString();
  }

  private List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Figure f : figures) {
      rows.add(new String[] {f.label(), f.valueText(), f.unit(), f.readAsText()});
    }
    return rows;
  }

  private static String number(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "null";
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
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
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
