package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.analytics.Interval;
import dev.latchkey.domain.analytics.MetricTotals;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Ingested analytics in memory: activities in arrival order, metric totals per hour. */
public final class InMemoryAnalyticsStore implements AnalyticsStore {
  private record Stored(TenantId tenantId, long seq, Activity activity) {}

  private final List<Stored> activities = new ArrayList<>();
  private final List<Map.Entry<TenantId, MetricTotals>> hours = new ArrayList<>();

  @Override
  public synchronized void appendActivities(TenantId tenantId, List<Activity> batch) {
    for (Activity activity : batch) {
      activities.add(new Stored(tenantId, activities.size(), activity));
    }
  }

  @Override
  public synchronized void addMetrics(TenantId tenantId, List<MetricTotals> batch) {
    for (MetricTotals totals : batch) {
      hours.add(Map.entry(tenantId, totals));
    }
  }

  @Override
  public synchronized Page<Activity> listActivities(TenantId tenantId, ActivityFilter filter, PageRequest request) {
    long after = request.cursor().map(Long::parseLong).orElse(Long.MAX_VALUE);
    List<Stored> matching = activities.stream()
        .filter(s -> s.tenantId().equals(tenantId) && s.seq() < after)
        .filter(s -> filter.endUserExternalId().isEmpty()
            || filter.endUserExternalId().equals(s.activity().endUserExternalId()))
        .filter(s -> filter.companyExternalId().isEmpty()
            || filter.companyExternalId().equals(s.activity().companyExternalId()))
        .filter(s -> filter.action().isEmpty() || filter.action().equals(s.activity().action()))
        .filter(s -> filter.from().map(f -> !s.activity().time().isBefore(f)).orElse(true))
        .filter(s -> filter.to().map(t -> s.activity().time().isBefore(t)).orElse(true))
        .sorted(Comparator.comparingLong(Stored::seq).reversed())
        .limit(request.size() + 1L)
        .toList();
    List<Activity> page = matching.stream().limit(request.size()).map(Stored::activity).toList();
    Optional<String> next = matching.size() > request.size()
        ? Optional.of(Long.toString(matching.get(request.size() - 1).seq()))
        : Optional.empty();
    return new Page<>(page, next);
  }

  @Override
  public synchronized List<MetricTotals> queryMetrics(
      TenantId tenantId, String metric, Optional<String> company, Interval interval, Instant from, Instant to) {
    TreeMap<Instant, MetricTotals> buckets = new TreeMap<>();
    for (Map.Entry<TenantId, MetricTotals> e : hours) {
      MetricTotals h = e.getValue();
      if (e.getKey().equals(tenantId) && h.metric().equals(metric)
          && company.map(h.companyExternalId()::equals).orElse(true)
          && !h.start().isBefore(from) && h.start().isBefore(to)) {
        Instant start = interval.floor(h.start());
        MetricTotals inBucket = new MetricTotals(metric, company.orElse(""), start, h.count(), h.sum(), h.min(), h.max());
        buckets.merge(start, inBucket, MetricTotals::plus);
      }
    }
    return List.copyOf(buckets.values());
  }
}
