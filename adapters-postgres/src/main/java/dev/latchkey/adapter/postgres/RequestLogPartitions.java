package dev.latchkey.adapter.postgres;

import dev.latchkey.application.lifecycle.PeriodicTask;
import dev.latchkey.application.lifecycle.Worker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the request log's coming monthly partitions ready: at start, then once a day (every minute
 * while the database refuses). Rows of a month without its partition wait in the default one and
 * move when it is created.
 */
public final class RequestLogPartitions implements Worker {
  /** Partitions kept ready: this month and the next two. */
  static final int MONTHS_AHEAD = 3;
  static final Duration INTERVAL = Duration.ofDays(1);
  static final Duration RETRY = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(RequestLogPartitions.class);

  private final Database database;
  private final PeriodicTask loop;

  @Inject
  public RequestLogPartitions(Database database) {
    this(database, INTERVAL, RETRY);
  }

  RequestLogPartitions(Database database, Duration interval, Duration retry) {
    this.database = database;
    this.loop = new PeriodicTask("request-log-partitions", Duration.ZERO,
        () -> ensurePartitionsAhead(retry) ? interval : retry, retry);
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.stop(Duration.ofSeconds(5));
  }

  /** Creates the partitions of this month and the next ones; false if the database refused. */
  private boolean ensurePartitionsAhead(Duration retry) {
    try {
      int created = ensurePartitions(database, LocalDate.now(ZoneOffset.UTC), MONTHS_AHEAD);
      if (created > 0) {
        log.info("request log: created {} monthly partitions", created);
      }
      return true;
    } catch (RuntimeException e) {
      log.warn("request log: could not create the coming monthly partitions (rows go to the default partition "
          + "meanwhile); retrying in {}: {}", retry, RequestLogWriter.describe(e));
      return false;
    }
  }

  /** Runs {@code ensure_request_log_partitions(from, months)}; returns how many partitions it created. */
  static int ensurePartitions(Database database, LocalDate from, int months) {
    return database.run(dsl -> dsl.select(DSL.field("ensure_request_log_partitions({0}, {1})", Integer.class,
            DSL.val(from), DSL.val(months)))
        .fetchSingle()
        .value1());
  }
}
