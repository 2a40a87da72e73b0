package dev.latchkey.benchmarks.suite;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One line of the results table: what was measured, its value and unit, and how to read it. A figure
 * meant to be read against another one measured in the same run carries that ratio ({@code value /
 * baseline}) and names the baseline in {@code readAs} ("0.61x" + "the health check, 64 in flight");
 * a figure without a baseline says in {@code readAs} what it is (a baseline itself, a bound).
 *
 * @param id stable key for the JSON output and for comparing runs, e.g. {@code server.identity.c64.calls}
 * @param label what a reader sees in the table
 * @param ratio {@code value} divided by the baseline's value, if the figure has a baseline
 */
public record Figure(String id, String label, double value, String unit, @Nullable Double ratio, String readAs) {
  public Figure {
    if (id.isBlank() || label.isBlank() || unit.isBlank()) {
      throw new IllegalArgumentException("a figure needs an id, a label and a unit");
    }
  }

  /**
   * A figure read against {@code baseline}, measured in the same run in the same unit; the read-as
   * text names the baseline and its value, e.g. {@code 0.61x the health check (73,594 calls/s)}.
   */
  public static Figure relative(String id, String label, double value, String unit, double baseline, String baselineLabel) {
    return relative(id, label, value, unit, baseline, unit, baselineLabel);
  }

  /** As {@link #relative(String, String, double, String, double, String)}, the baseline in another unit. */
  public static Figure relative(String id, String label, double value, String unit, double baseline,
      String baselineUnit, String baselineLabel) {
    String named = baselineLabel + " (" + format(baseline, baselineUnit) + " " + baselineUnit + ")";
    return baseline == 0 || Double.isNaN(baseline)
        ? new Figure(id, label, value, unit, null, "baseline " + named + ": no ratio")
        : new Figure(id, label, value, unit, value / baseline, named);
  }

  /** A figure read on its own: {@code readAs} says how (e.g. "baseline", "must be 0"). */
  public static Figure absolute(String id, String label, double value, String unit, String readAs) {
    return new Figure(id, label, value, unit, null, readAs);
  }

  /** This figure with {@code note} after its read-as text, e.g. a target and whether it was met. */
  public Figure withNote(String note) {
    return new Figure(id, label, value, unit, ratio, readAs + "; " + note);
  }

  /** "met" or "NOT met", for a note on a target. */
  public static String met(boolean met) {
    return met ? "met" : "NOT met";
  }

  /** The "read as" column: the ratio and its baseline, or the note. */
  public String readAsText() {
    return ratio == null ? readAs : formatRatio(ratio) + "x " + readAs;
  }

  /** The value as the table prints it: thousands grouped for rates, three decimals for milliseconds. */
  public String valueText() {
    return format(value, unit);
  }

  static String format(double value, String unit) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (unit.equals("ms")) {
      return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.3f",
          value);
    }
    if (Math.abs(value) >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }

  static String formatRatio(double ratio) {
    if (ratio >= 100) {
      return String.format(Locale.ROOT, "%,.0f", ratio);
    }
    if (ratio >= 10) {
      return String.format(Locale.ROOT, "%.1f", ratio);
    }
    if (ratio >= 0.1) {
      return String.format(Locale.ROOT, "%.2f", ratio);
    }
    return String.format(Locale.ROOT, "%.2g", ratio);
  }
}
