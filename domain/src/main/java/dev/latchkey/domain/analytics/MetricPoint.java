package dev.latchkey.domain.analytics;

import dev.latchkey.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.Objects;

/**
 * One value of a custom metric, as ingested.
 *
 * @param companyExternalId empty when the value belongs to no company
 */
public record MetricPoint(String metric, double value, Instant time, String companyExternalId) {
  /**
   * @throws InvalidValueException naming the first bad field
   */
  public MetricPoint {
    IngestText.check("metric", metric, false);
    if (!Double.isFinite(value)) {
      throw new InvalidValueException("value: must be a finite number, not " + value);
    }
    Objects.requireNonNull(time, "time");
    IngestText.check("company_external_id", companyExternalId, true);
  }
}
