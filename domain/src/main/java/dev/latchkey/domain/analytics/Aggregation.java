package dev.latchkey.domain.analytics;

/** How the values of a metric bucket are combined. */
public enum Aggregation {
  SUM,
  AVG,
  MIN,
  MAX,
  COUNT
}
