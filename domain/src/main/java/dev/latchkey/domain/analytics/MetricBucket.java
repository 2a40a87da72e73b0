package dev.latchkey.domain.analytics;

import java.time.Instant;
import java.util.Objects;

/**
 * One bucket of a metric query.
 *
 * @param companyExternalId the company asked for; empty when all companies are combined
 */
public record MetricBucket(Instant startTime, String companyExternalId, double value) {
  public MetricBucket {
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(companyExternalId, "companyExternalId");
  }
}
