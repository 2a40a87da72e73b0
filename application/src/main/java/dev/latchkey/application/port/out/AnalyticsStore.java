package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.analytics.Interval;
import dev.latchkey.domain.analytics.MetricTotals;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where ingested analytics are kept: high volume, append-only, partitioned by time and dropped
 * after the tenant's retention.
 */
public interface AnalyticsStore {
  /** Which activities a listing shows; empty strings and absent times do not filter. */
  record ActivityFilter(
      String endUserExternalId, String companyExternalId, String action, Optional<Instant> from,
      Optional<Instant> to) {}

  /** Appends {@code activities} durably (committed when the surrounding transaction commits). */
  void appendActivities(TenantId tenantId, List<Activity> activities);

  /**
   * Adds {@code hours} (each the totals of one metric, company and UTC hour) to the stored totals.
   */
  void addMetrics(TenantId tenantId, List<MetricTotals> hours);

  /** The tenant's activities matching {@code filter}, newest first. */
  Page<Activity> listActivities(TenantId tenantId, ActivityFilter filter, PageRequest request);

  /**
   * The totals of {@code metric} per bucket of {@code interval} from {@code from} (inclusive) to
   * {@code to} (exclusive), both bucket starts, oldest first; buckets without values are left out.
   *
   * @param company only this company's values; empty: all companies together
   */
  List<MetricTotals> queryMetrics(
      TenantId tenantId, String metric, Optional<String> company, Interval interval, Instant from, Instant to);
}
