package dev.latchkey.adapter.postgres;

import dev.latchkey.application.lifecycle.PeriodicTask;
import dev.latchkey.application.lifecycle.Worker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains the monthly partitions of the analytics tables: creates last month's, this month's and
 * the next two ahead of time, and applies retention. A partition is dropped whole once every
 * tenant's retention has passed its end (13 months unless a tenant keeps longer); rows of tenants
 * that keep less are deleted from the partitions still kept. Runs at start, then every hour (every
 * minute while the database refuses).
 */
public final class AnalyticsPartitions implements Worker {
  static final int DEFAULT_RETENTION_MONTHS = 13;
  static final List<String> TABLES = List.of("activity", "metric_hour");
  static final Duration INTERVAL = Duration.ofHours(1);
  static final Duration RETRY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(AnalyticsPartitions.class);
  private static final Pattern MONTHLY = Pattern.compile("^(activity|metric_hour)_(\\d{4})_(\\d{2})$");

  private final Database database;
  private final InstantSource clock;
  private final PeriodicTask loop;

  @Inject
  public AnalyticsPartitions(Database database, InstantSource clock) {
    this.database = database;
    this.clock = clock;
    this.loop = new PeriodicTask("analytics-partitions", Duration.ZERO, this::maintain, RETRY);
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.stop(Duration.ofSeconds(5));
  }

  private Duration maintain() {
    try {
      Instant now = clock.instant();
      int created = ensureAhead(now);
      int dropped = applyRetention(now);
      if (created > 0 || dropped > 0) {
        log.info("analytics: created {} and dropped {} monthly partitions", created, dropped);
      }
      return INTERVAL;
    } catch (RuntimeException e) {
      log.warn("analytics: partition maintenance failed (rows go to the default partitions meanwhile); "
          + "retrying in {}: {}", RETRY, RequestLogWriter.describe(e));
      return RETRY;
    }
  }

  /** Creates last month's, this month's and the next two months' partitions; returns how many. */
  int ensureAhead(Instant now) {
    LocalDate lastMonth = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(1).atDay(1);
    int created = 0;
    for (String table : TABLES) {
      created += ensure(database, table, lastMonth, 4);
    }
    return created;
  }

  /**
   * Drops the partitions past every tenant's retention and deletes the rows of tenants that keep
   * less from the others; returns how many partitions it dropped.
   */
  int applyRetention(Instant now) {
    int longest = database.run(dsl -> dsl.select(DSL.field("greatest({0}, coalesce(max(months), 0))", Integer.class,
            DSL.val(DEFAULT_RETENTION_MONTHS)))
        .from(DSL.table(DSL.name("analytics_retention")))
        .fetchSingle()
        .value1());
    YearMonth firstKept = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(longest);
    int dropped = 0;
    for (String table : TABLES) {
      for (String partition : partitions(table)) {
        Matcher m = MONTHLY.matcher(partition);
        if (m.matches()
            && YearMonth.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))).isBefore(firstKept)) {
          database.run(dsl -> dsl.execute("drop table " + DSL.name(partition)));
          dropped++;
        }
      }
      String time = table.equals("activity") ? "time" : "hour";
      // Tenants that keep less than the longest retention, and the default partition's old rows.
      database.run(dsl -> dsl.execute("delete from " + table + " t using analytics_retention r "
          + "where t.tenant_id = r.tenant_id and t." + time + " < {0} - make_interval(months => r.months)",
          DSL.val(Rows.time(now))));
      database.run(dsl -> dsl.execute("delete from " + table + " t where t." + time
          + " < {0} - make_interval(months => {1}) "
          + "and not exists (select 1 from analytics_retention r where r.tenant_id = t.tenant_id)",
          DSL.val(Rows.time(now)), DSL.val(DEFAULT_RETENTION_MONTHS)));
    }
    return dropped;
  }

  private List<String> partitions(String table) {
    return database.run(dsl -> dsl.fetch("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
            + "where i.inhparent = {0}::regclass", DSL.val(table))
        .map(r -> r.get(0, String.class)));
  }

  /** Runs {@code ensure_analytics_partitions(table, from, months)}; returns how many it created. */
  static int ensure(Database database, String table, LocalDate from, int months) {
    return database.run(dsl -> dsl.select(DSL.field("ensure_analytics_partitions({0}, {1}, {2})", Integer.class,
            DSL.val(table), DSL.val(from), DSL.val(months)))
        .fetchSingle()
        .value1());
  }
}
