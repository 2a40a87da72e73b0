package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.analytics.Interval;
import dev.latchkey.domain.analytics.MetricPoint;
import dev.latchkey.domain.analytics.MetricTotals;
import dev.latchkey.domain.tenant.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The analytics tables: COPY of awkward text, hourly totals, partitions on demand, retention. */
class AnalyticsStorageTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM");

  private final Database db = new Database(database.dataSource());
  private final PostgresAnalyticsStore store = new PostgresAnalyticsStore(db);
  private final TenantId tenant = new TenantId(UUID.randomUUID());
  private final AnalyticsStore.ActivityFilter all =
      new AnalyticsStore.ActivityFilter("", "", "", Optional.empty(), Optional.empty());

  @BeforeEach
  void empty() {
    Sql.execute(database.dataSource(), "truncate activity, metric_hour, analytics_retention");
  }

  @Test
  void activitiesWithTabsBackslashesAndUnicodeComeBackAsSent() {
    // PostgreSQL keeps microseconds (rounding any nanoseconds).
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    Activity awkward = new Activity("user\\1 \"x\"", "clicked\u00e9 \uD83D\uDE00", now, "acme\\corp",
        "{\"note\":\"a\\tb\\\\c\\nd\",\"emoji\":\"\uD83D\uDE00\"}");
    store.appendActivities(tenant, List.of(awkward));

    Page<Activity> page = store.listActivities(tenant, all, new PageRequest(10, Optional.empty()));

    assertThat(page.items()).hasSize(1);
    Activity back = page.items().getFirst();
    assertThat(back.endUserExternalId()).isEqualTo(awkward.endUserExternalId());
    assertThat(back.action()).isEqualTo(awkward.action());
    assertThat(back.companyExternalId()).isEqualTo(awkward.companyExternalId());
    assertThat(back.time()).isEqualTo(now);
    assertThat(back.propertiesJson()).contains("a\\tb\\\\c\\nd").contains("\uD83D\uDE00");
  }

  @Test
  void hourlyTotalsAddUpAcrossBatchesExactly() {
    Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    store.addMetrics(tenant, List.of(MetricTotals.of(new MetricPoint("m", 0.1, hour, "c"))));
    store.addMetrics(tenant, List.of(MetricTotals.of(new MetricPoint("m", 0.2, hour.plusSeconds(60), "c"))));

    List<MetricTotals> totals =
        store.queryMetrics(tenant, "m", Optional.empty(), Interval.HOUR, hour, hour.plusSeconds(3600));

    assertThat(totals).singleElement().satisfies(t -> {
      assertThat(t.count()).isEqualTo(2);
      assertThat(t.sum()).isEqualByComparingTo(new BigDecimal("0.3"));
      assertThat(t.min()).isEqualTo(0.1);
      assertThat(t.max()).isEqualTo(0.2);
    });
  }

  @Test
  void extremeValuesKeepTheirExactSumMinAndMax() {
    Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    store.addMetrics(tenant, List.of(MetricTotals.of(new MetricPoint("m", Double.MAX_VALUE, hour, "c"))
        .plus(MetricTotals.of(new MetricPoint("m", -Double.MAX_VALUE, hour, "c")))
        .plus(MetricTotals.of(new MetricPoint("m", Double.MIN_VALUE, hour, "c")))));

    assertThat(store.queryMetrics(tenant, "m", Optional.of("c"), Interval.HOUR, hour, hour.plusSeconds(3600)))
        .singleElement().satisfies(t -> {
          assertThat(t.count()).isEqualTo(3);
          assertThat(t.sum()).isEqualByComparingTo(new BigDecimal("4.9E-324"));
          assertThat(t.min()).isEqualTo(-Double.MAX_VALUE);
          assertThat(t.max()).isEqualTo(Double.MAX_VALUE);
        });
  }

  @Test
  void allCompaniesTogetherAreOneRowPerHourAndEachCompanyItsOwn() {
    Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    store.addMetrics(tenant, hourly(List.of(new MetricPoint("m", 1, hour, "a"),
        new MetricPoint("m", 2, hour, "b"), new MetricPoint("m", 4, hour, ""))));

    assertThat(Sql.count(database.dataSource(), "select count(*) from metric_hour where hour = '" + hour + "'"))
        .isEqualTo(4);
    assertThat(store.queryMetrics(tenant, "m", Optional.empty(), Interval.HOUR, hour, hour.plusSeconds(3600)))
        .extracting(MetricTotals::count).containsExactly(3L);
    assertThat(store.queryMetrics(tenant, "m", Optional.of("b"), Interval.HOUR, hour, hour.plusSeconds(3600)))
        .extracting(MetricTotals::sum).containsExactly(new BigDecimal("2.0"));
    assertThat(store.queryMetrics(tenant, "m", Optional.of(""), Interval.HOUR, hour, hour.plusSeconds(3600)))
        .extracting(MetricTotals::sum).containsExactly(new BigDecimal("4.0"));
  }

  /** Each value as its own hour's totals (values of distinct companies, as the service groups them). */
  private static List<MetricTotals> hourly(List<MetricPoint> points) {
    return points.stream().map(MetricTotals::of).toList();
  }

  @Test
  void aMonthWithoutItsPartitionGetsOneOnDemand() {
    Instant farAhead = LocalDate.now(ZoneOffset.UTC).plusMonths(6).atStartOfDay().toInstant(ZoneOffset.UTC);
    String partition = "activity_" + farAhead.atZone(ZoneOffset.UTC).format(MONTH);
    assertThat(partitions("activity")).doesNotContain(partition);

    store.appendActivities(tenant, List.of(new Activity("u", "a", farAhead, "", "{}")));

    assertThat(partitions("activity")).contains(partition);
    assertThat(Sql.count(database.dataSource(), "select count(*) from " + partition)).isEqualTo(1);
    assertThat(Sql.count(database.dataSource(), "select count(*) from activity_default")).isZero();
  }

  @Test
  void retentionDropsTheMonthsPastItAndKeepsTheRest() {
    Instant now = Instant.now();
    YearMonth old = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(15);
    Instant oldTime = old.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC);
    store.appendActivities(tenant, List.of(new Activity("u", "old", oldTime, "", "{}"),
        new Activity("u", "recent", now, "", "{}")));
    store.addMetrics(tenant, List.of(MetricTotals.of(new MetricPoint("m", 1, oldTime, "")),
        MetricTotals.of(new MetricPoint("m", 2, now, ""))));
    assertThat(partitions("activity")).contains("activity_" + old.format(MONTH));

    int dropped = new AnalyticsPartitions(db, () -> now).applyRetention(now);

    assertThat(dropped).isEqualTo(2);
    assertThat(partitions("activity")).doesNotContain("activity_" + old.format(MONTH));
    assertThat(partitions("metric_hour")).doesNotContain("metric_hour_" + old.format(MONTH));
    assertThat(store.listActivities(tenant, all, new PageRequest(10, Optional.empty())).items())
        .extracting(Activity::action).containsExactly("recent");
    assertThat(store.queryMetrics(tenant, "m", Optional.empty(), Interval.DAY, oldTime.minusSeconds(86_400),
        now.plusSeconds(86_400))).extracting(MetricTotals::count).containsExactly(1L);
  }

  @Test
  void aTenantThatKeepsLessLosesItsOlderRowsWhileOthersKeepTheirs() {
    Instant now = Instant.now();
    Instant threeMonthsAgo = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(3).atDay(5).atStartOfDay()
        .toInstant(ZoneOffset.UTC);
    TenantId shortLived = new TenantId(UUID.randomUUID());
    Sql.execute(database.dataSource(), "insert into tenant (id, display_name, create_time, update_time) values ('"
        + shortLived.value() + "', 'Short', now(), now())");
    Sql.execute(database.dataSource(),
        "insert into analytics_retention (tenant_id, months) values ('" + shortLived.value() + "', 1)");
    store.appendActivities(shortLived, List.of(new Activity("u", "old", threeMonthsAgo, "", "{}")));
    store.appendActivities(tenant, List.of(new Activity("u", "old", threeMonthsAgo, "", "{}")));

    new AnalyticsPartitions(db, () -> now).applyRetention(now);

    assertThat(store.listActivities(shortLived, all, new PageRequest(10, Optional.empty())).items()).isEmpty();
    assertThat(store.listActivities(tenant, all, new PageRequest(10, Optional.empty())).items()).hasSize(1);
  }

  @Test
  void theWorkerKeepsLastMonthToTwoMonthsAheadReady() {
    Instant now = Instant.now();
    new AnalyticsPartitions(db, () -> now).ensureAhead(now);

    YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
    for (int i = -1; i <= 2; i++) {
      assertThat(partitions("activity")).contains("activity_" + month.plusMonths(i).format(MONTH));
      assertThat(partitions("metric_hour")).contains("metric_hour_" + month.plusMonths(i).format(MONTH));
    }
  }

  private static List<String> partitions(String table) {
    return Sql.strings(database.dataSource(), "select c.relname from pg_inherits i join pg_class c "
        + "on c.oid = i.inhrelid where i.inhparent = '" + table + "'::regclass");
  }
}
