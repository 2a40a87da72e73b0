package dev.latchkey.benchmarks.suite;

/** How long the suite measures: a quick look (about 3 minutes) or the figures worth publishing. */
public enum Mode {
  SHORT,
  FULL;

  /** {@code whenShort} in a short run, {@code whenFull} in a full one. */
  public int pick(int whenShort, int whenFull) {
    return this == SHORT ? whenShort : whenFull;
  }

  public String flag() {
    return this == SHORT ? "--short" : "--full";
  }
}
