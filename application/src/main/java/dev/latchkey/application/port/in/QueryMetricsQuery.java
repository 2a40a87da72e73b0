package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.analytics.Aggregation;
import dev.latchkey.domain.analytics.Interval;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One metric of the caller's tenant from {@code start} (inclusive, rounded down to its bucket) to
 * {@code end} (exclusive, rounded up to a bucket).
 *
 * @param company only this company's values; empty: all companies together
 */
public record QueryMetricsQuery(
    String metric, Instant start, Instant end, Interval interval, Aggregation aggregation, Optional<String> company)
    implements Request {
  public QueryMetricsQuery {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(company, "company");
  }

  @Override
  public Operation operation() {
    return Operation.QUERY_METRICS;
  }
}
