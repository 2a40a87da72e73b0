package dev.latchkey.application.service;

import dev.latchkey.application.port.in.QueryMetricsQuery;
import dev.latchkey.application.port.in.QueryMetricsUseCase;
import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.domain.analytics.MetricBucket;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.util.List;

/** One metric of the tenant in hourly or daily buckets, from the stored hourly totals. */
public final class QueryMetricsService extends InTenantService<QueryMetricsQuery, List<MetricBucket>>
    implements QueryMetricsUseCase {
  private final AnalyticsStore store;

  @Inject
  public QueryMetricsService(AnalyticsStore store) {
    this.store = store;
  }

  @Override
  protected List<MetricBucket> handle(Principal.TenantPrincipal caller, QueryMetricsQuery query) {
    return store.queryMetrics(caller.tenantId(), query.metric(), query.company(), query.interval(),
            query.interval().floor(query.start()), query.interval().ceiling(query.end()))
        .stream()
        .map(totals -> new MetricBucket(totals.start(), query.company().orElse(""),
            totals.value(query.aggregation())))
        .toList();
  }
}
