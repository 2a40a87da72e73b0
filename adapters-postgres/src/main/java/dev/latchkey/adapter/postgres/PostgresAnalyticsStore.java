package dev.latchkey.adapter.postgres;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.analytics.Interval;
import dev.latchkey.domain.analytics.MetricTotals;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * Analytics in PostgreSQL: activities appended with {@code COPY} (one round trip per call, the
 * fastest way in), metric values added to their hour's totals with one multi-row upsert. Both
 * tables are partitioned by month; the partitions a batch needs are made on demand (the worker
 * {@link AnalyticsPartitions} makes them ahead and drops expired ones).
 */
@Singleton
public final class PostgresAnalyticsStore implements AnalyticsStore {
  private static final String COPY_ACTIVITIES = "copy activity (tenant_id, time, end_user_external_id, "
      + "company_external_id, action, properties) from stdin";
  /**
   * Arrays bound through pgjdbc rather than jOOQ (which printed all seven as text, a large share of
   * the call's CPU): hours as epoch seconds and min/max as float8, in binary; sums as decimal text.
   */
  private static final String ADD_METRICS = """
      insert into metric_hour (tenant_id, metric, company_external_id, hour, value_count, value_sum, value_min, value_max)
      select ?, m, c, to_timestamp(h), n, s::numeric, lo, hi
      from unnest(?::text[], ?::text[], ?::int8[], ?::int8[], ?::text[], ?::float8[], ?::float8[]) as u(m, c, h, n, s, lo, hi)
      on conflict (tenant_id, metric, company_external_id, hour) do update set
          value_count = metric_hour.value_count + excluded.value_count,
          value_sum = metric_hour.value_sum + excluded.value_sum,
          value_min = least(metric_hour.value_min, excluded.value_min),
          value_max = greatest(metric_hour.value_max, excluded.value_max)
      """;

  /**
   * The company under which the totals over all companies are kept: it starts with a control
   * character, which no company id may contain, so it never meets a real one.
   */
  static final String ALL_COMPANIES = "\u0001all";

  private final Database database;
  /** Months whose partitions are known to exist, per table: no query for them on the hot path. */
  private final Set<String> ensured = ConcurrentHashMap.newKeySet();

  @Inject
  public PostgresAnalyticsStore(Database database) {
    this.database = database;
  }

  @Override
  public void appendActivities(TenantId tenantId, List<Activity> activities) {
    ensureMonths("activity", activities.stream().map(Activity::time).toList());
    StringBuilder rows = new StringBuilder(activities.size() * 160);
    String tenant = tenantId.value().toString();
    for (Activity a : activities) {
      rows.append(tenant).append('\t').append(a.time()).append('\t');
      copyText(rows, a.endUserExternalId()).append('\t');
      copyText(rows, a.companyExternalId()).append('\t');
      copyText(rows, a.action()).append('\t');
      copyText(rows, a.propertiesJson()).append('\n');
    }
    byte[] data = rows.toString().getBytes(StandardCharsets.UTF_8);
    database.run(dsl -> {
      dsl.connection(connection -> {
        try {
          connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_ACTIVITIES, new ByteArrayInputStream(data));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      return null;
    });
  }

  /** Appends {@code value} escaped for COPY's text format (only backslash, tab, CR and LF matter). */
  static StringBuilder copyText(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out;
  }

  @Override
  public void addMetrics(TenantId tenantId, List<MetricTotals> companyHours) {
    ensureMonths("metric_hour", companyHours.stream().map(MetricTotals::start).toList());
    List<MetricTotals> hours = withAllCompanies(companyHours);
    int n = hours.size();
    String[] metrics = new String[n];
    String[] companies = new String[n];
    long[] starts = new long[n];
    long[] counts = new long[n];
    String[] sums = new String[n];
    double[] mins = new double[n];
    double[] maxs = new double[n];
    for (int i = 0; i < n; i++) {
      MetricTotals h = hours.get(i);
      metrics[i] = h.metric();
      companies[i] = h.companyExternalId();
      starts[i] = h.start().getEpochSecond();
      counts[i] = h.count();
      sums[i] = h.sum().toString();
      mins[i] = h.min();
      maxs[i] = h.max();
    }
    database.run(dsl -> {
      dsl.connection(connection -> {
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (PreparedStatement add = connection.prepareStatement(ADD_METRICS)) {
          add.setObject(1, tenantId.value());
          add.setArray(2, pg.createArrayOf("text", metrics));
          add.setArray(3, pg.createArrayOf("text", companies));
          add.setArray(4, pg.createArrayOf("int8", starts));
          add.setArray(5, pg.createArrayOf("int8", counts));
          add.setArray(6, pg.createArrayOf("text", sums));
          add.setArray(7, pg.createArrayOf("float8", mins));
          add.setArray(8, pg.createArrayOf("float8", maxs));
          add.executeUpdate();
        }
      });
      return null;
    });
  }

  /**
   * {@code hours} plus, per metric and hour, the totals over all companies (under {@link
   * #ALL_COMPANIES}), so that a query over all companies reads one row per hour however many
   * companies there are. Sorted, so that concurrent calls lock rows in one order and cannot deadlock.
   */
  static List<MetricTotals> withAllCompanies(List<MetricTotals> hours) {
    java.util.Map<java.util.Map.Entry<String, Instant>, MetricTotals> all = new java.util.HashMap<>();
    for (MetricTotals h : hours) {
      MetricTotals asAll = new MetricTotals(h.metric(), ALL_COMPANIES, h.start(), h.count(), h.sum(), h.min(), h.max());
      all.merge(java.util.Map.entry(h.metric(), h.start()), asAll, MetricTotals::plus);
    }
    List<MetricTotals> rows = new ArrayList<>(hours);
    rows.addAll(all.values());
    rows.sort(PostgresAnalyticsStore::primaryKeyOrder);
    return rows;
  }

  /** The order of {@code metric_hour}'s primary key within a tenant (written out: a chain of comparators cost more). */
  private static int primaryKeyOrder(MetricTotals a, MetricTotals b) {
    int order = a.metric().compareTo(b.metric());
    if (order == 0) {
      order = a.companyExternalId().compareTo(b.companyExternalId());
    }
    return order != 0 ? order : a.start().compareTo(b.start());
  }

  @Override
  public Page<Activity> listActivities(TenantId tenantId, ActivityFilter filter, PageRequest request) {
    var time = DSL.field(DSL.name("time"), OffsetDateTime.class);
    var seq = DSL.field(DSL.name("seq"), Long.class);
    List<Condition> where = new ArrayList<>();
    where.add(DSL.field(DSL.name("tenant_id")).eq(tenantId.value()));
    if (!filter.endUserExternalId().isEmpty()) {
      where.add(DSL.field(DSL.name("end_user_external_id")).eq(filter.endUserExternalId()));
    }
    if (!filter.companyExternalId().isEmpty()) {
      where.add(DSL.field(DSL.name("company_external_id")).eq(filter.companyExternalId()));
    }
    if (!filter.action().isEmpty()) {
      where.add(DSL.field(DSL.name("action")).eq(filter.action()));
    }
    filter.from().ifPresent(from -> where.add(time.ge(Rows.time(from))));
    filter.to().ifPresent(to -> where.add(time.lt(Rows.time(to))));
    request.cursor().map(PostgresAnalyticsStore::cursor).ifPresent(c ->
        where.add(DSL.row(time, seq).lt(Rows.time(c.time()), c.seq())));
    List<? extends Record> rows = database.run(dsl -> dsl.select(time, seq, DSL.field(DSL.name("end_user_external_id")),
            DSL.field(DSL.name("company_external_id")), DSL.field(DSL.name("action")),
            DSL.field("properties::text", String.class).as("properties"))
        .from(DSL.table(DSL.name("activity")))
        .where(where)
        .orderBy(time.desc(), seq.desc())
        .limit(request.size() + 1)
        .fetch());
    List<Activity> items = new ArrayList<>();
    for (Record r : rows.subList(0, Math.min(rows.size(), request.size()))) {
      items.add(new Activity(r.get(2, String.class), r.get(4, String.class), Rows.instant(r.get(time)),
          r.get(3, String.class), r.get(5, String.class)));
    }
    Optional<String> next = Optional.empty();
    if (rows.size() > request.size()) {
      Record last = rows.get(request.size() - 1);
      Instant at = Rows.instant(last.get(time));
      next = Optional.of(at.getEpochSecond() + "." + at.getNano() + "." + last.get(seq));
    }
    return new Page<>(items, next);
  }

  private record Cursor(Instant time, long seq) {}

  /** The cursor written by {@link #listActivities}: seconds, nanoseconds and seq; refused otherwise. */
  private static Cursor cursor(String text) {
    String[] parts = text.split("\\.", -1);
    try {
      if (parts.length == 3) {
        return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
            Long.parseLong(parts[2]));
      }
    } catch (RuntimeException e) {
      // falls through to the refusal
    }
    throw new dev.latchkey.domain.error.InvalidArgumentException("page_token", "is not a page token of this listing");
  }

  @Override
  public List<MetricTotals> queryMetrics(
      TenantId tenantId, String metric, Optional<String> company, Interval interval, Instant from, Instant to) {
    String unit = interval.name().toLowerCase(Locale.ROOT);
    var hour = DSL.field(DSL.name("hour"), OffsetDateTime.class);
    var bucket = DSL.field("date_trunc({0}, {1}, 'UTC')", OffsetDateTime.class, DSL.inline(unit), hour);
    Condition condition = DSL.field(DSL.name("tenant_id")).eq(tenantId.value())
        .and(DSL.field(DSL.name("metric")).eq(metric))
        .and(DSL.field(DSL.name("company_external_id")).eq(company.orElse(ALL_COMPANIES)))
        .and(hour.ge(Rows.time(from)))
        .and(hour.lt(Rows.time(to)));
    return database.run(dsl -> dsl.select(bucket,
                DSL.sum(DSL.field(DSL.name("value_count"), Long.class)),
                DSL.sum(DSL.field(DSL.name("value_sum"), BigDecimal.class)),
                DSL.min(DSL.field(DSL.name("value_min"), Double.class)),
                DSL.max(DSL.field(DSL.name("value_max"), Double.class)))
            .from(DSL.table(DSL.name("metric_hour")))
            .where(condition)
            .groupBy(bucket)
            .orderBy(bucket)
            .fetch())
        .map(r -> new MetricTotals(metric, company.orElse(""), Rows.instant(r.value1()), r.value2().longValue(),
            r.value3(), r.value4(), r.value5()));
  }

  /** Creates the monthly partitions of {@code table} that {@code times} fall in, unless known to exist. */
  private void ensureMonths(String table, Collection<Instant> times) {
    Set<YearMonth> months = new TreeSet<>();
    for (Instant t : times) {
      months.add(YearMonth.from(t.atZone(ZoneOffset.UTC)));
    }
    for (YearMonth month : months) {
      String key = table + "_" + month;
      if (!ensured.contains(key)) {
        AnalyticsPartitions.ensure(database, table, month.atDay(1), 1);
        ensured.add(key);
      }
    }
  }

  /** Forgets which partitions exist, after the worker dropped some. */
  void forgetPartitions() {
    ensured.clear();
  }
}
