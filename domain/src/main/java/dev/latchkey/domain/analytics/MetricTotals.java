package dev.latchkey.domain.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Objects;

/**
 * The values of one metric of one company in one period (an hour as stored, a bucket as queried),
 * combined: what is stored per hour so that a query reads one row per hour instead of every value.
 *
 * <p>The sum is exact: each value enters as its shortest decimal form (what {@link Double#toString}
 * prints, which reads back as the same double), so sums do not depend on the order values arrive
 * in, and {@code 0.1 + 0.2} is {@code 0.3}. Only the answer is rounded, once, to a double.
 */
public record MetricTotals(
    String metric, String companyExternalId, Instant start, long count, BigDecimal sum, double min, double max) {
  public MetricTotals {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(companyExternalId, "companyExternalId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(sum, "sum");
    if (count < 1) {
      throw new IllegalArgumentException("totals of at least one value");
    }
  }

  /** The hour of one value. */
  public static MetricTotals of(MetricPoint point) {
    return new MetricTotals(point.metric(), point.companyExternalId(), Interval.HOUR.floor(point.time()), 1,
        BigDecimal.valueOf(point.value()), point.value(), point.value());
  }

  /** These totals and {@code other} (of the same metric, company and period) combined. */
  public MetricTotals plus(MetricTotals other) {
    return new MetricTotals(metric, companyExternalId, start, count + other.count, sum.add(other.sum),
        Math.min(min, other.min), Math.max(max, other.max));
  }

  /** The {@code aggregation} of the combined values. */
  public double value(Aggregation aggregation) {
    return switch (aggregation) {
      case SUM -> sum.doubleValue();
      case AVG -> sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
      case MIN -> min;
      case MAX -> max;
      case COUNT -> count;
    };
  }
}
