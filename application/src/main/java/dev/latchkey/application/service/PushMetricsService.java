package dev.latchkey.application.service;

import dev.latchkey.application.port.in.PushMetricsCommand;
import dev.latchkey.application.port.in.PushMetricsUseCase;
import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.analytics.IngestOutcome;
import dev.latchkey.domain.analytics.MetricPoint;
import dev.latchkey.domain.analytics.MetricTotals;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records custom metric values sent with a tenant's ingest token by adding them to the hourly totals
 * of their metric and company; durable once it returns.
 */
public final class PushMetricsService extends AuthorizedService<PushMetricsCommand, IngestOutcome>
    implements PushMetricsUseCase {
  private record HourKey(String metric, String company, Instant hour) {}

  private final AnalyticsStore store;
  private final Transactions transactions;
  private final InstantSource clock;

  @Inject
  public PushMetricsService(AnalyticsStore store, Transactions transactions, InstantSource clock) {
    this.store = store;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  protected IngestOutcome run(Principal caller, PushMetricsCommand command) {
    Principal.IngestPrincipal ingest = Authorization.ingestPrincipal(caller);
    Ingestion<MetricPoint> batch =
        new Ingestion<>(command.items(), command.malformed(), MetricPoint::time, clock.instant());
    if (!batch.accepted.isEmpty()) {
      List<MetricTotals> hours = hourly(batch.accepted);
      transactions.inTransaction(() -> {
        store.addMetrics(ingest.tenantId(), hours);
        return null;
      });
    }
    return batch.outcome();
  }

  /** The values combined per metric, company and hour, in no particular order (the store orders its writes). */
  static List<MetricTotals> hourly(List<MetricPoint> points) {
    Map<HourKey, MetricTotals> hours = new HashMap<>(points.size() * 2);
    for (MetricPoint point : points) {
      MetricTotals one = MetricTotals.of(point);
      hours.merge(new HourKey(one.metric(), one.companyExternalId(), one.start()), one, MetricTotals::plus);
    }
    return List.copyOf(hours.values());
  }
}
