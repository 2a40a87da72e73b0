package dev.latchkey.adapter.postgres;

import dev.latchkey.application.lifecycle.Worker;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the request log off the request path: one thread takes what the {@link RequestLogQueue}
 * holds and inserts it in batches of up to {@code batchSize} rows, one multi-row statement per
 * batch, giving every entry its UUIDv7 id.
 *
 * <p>A batch that fails is kept and retried with backoff until it is written (a warning is logged
 * once per outage), so a database outage fills the queue and then slows callers down, and loses
 * nothing. {@link #stop()} closes the queue to new entries, writes everything queued, and returns;
 * if the database stays down it gives up after a bounded wait and logs how many entries it could
 * not write.
 */
public final class RequestLogWriter implements Worker {
  public static final int DEFAULT_BATCH_SIZE = 500;
  /** 12 bind values per row must stay under PostgreSQL's 65,535 per statement. */
  public static final int MAX_BATCH_SIZE = 5_000;

  private static final Logger log = LoggerFactory.getLogger(RequestLogWriter.class);

  /** How the writer paces itself; tests shorten these. */
  record Timings(Duration pollInterval, Duration firstBackoff, Duration maxBackoff, Duration closeTimeout) {
    static final Timings DEFAULT = new Timings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(5),
        Duration.ofSeconds(30));
  }

  private final RequestLogQueue queue;
  private final Database database;
  private final IdGenerator ids;
  private final int batchSize;
  private final Timings timings;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final Object lifecycle = new Object();
  private volatile long closeDeadline;
  private @Nullable Thread writer; // guarded by lifecycle

  public RequestLogWriter(RequestLogQueue queue, Database database, IdGenerator ids, int batchSize) {
    this(queue, database, ids, batchSize, Timings.DEFAULT);
  }

  RequestLogWriter(RequestLogQueue queue, Database database, IdGenerator ids, int batchSize, Timings timings) {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("batch size must be between 1 and " + MAX_BATCH_SIZE + ": " + batchSize);
    }
    this.queue = Objects.requireNonNull(queue, "queue");
    this.database = Objects.requireNonNull(database, "database");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.batchSize = batchSize;
    this.timings = Objects.requireNonNull(timings, "timings");
  }

  /** Starts the writer thread. Entries recorded before are queued and written once it runs. */
  @Override
  public void start() {
    synchronized (lifecycle) {
      if (queue.closed()) {
        throw new IllegalStateException("the request log is closed");
      }
      if (writer == null) {
        writer = Thread.ofPlatform().name("request-log-writer").daemon(true).start(this::run);
      }
    }
  }

  /**
   * Refuses further entries, writes everything queued and returns. If the database does not take
   * the entries within the close timeout (30 s by default), logs how many were lost and returns.
   */
  @Override
  public void stop() {
    Thread running;
    synchronized (lifecycle) {
      if (!queue.closed()) {
        closeDeadline = System.nanoTime() + timings.closeTimeout().toNanos();
        queue.close();
        if (writer == null) {
          writer = Thread.ofPlatform().name("request-log-writer").daemon(true).start(this::run);
        }
      }
      running = Objects.requireNonNull(writer, "writer"); // started above, or by the first close
    }
    try {
      // The writer gives up by itself at the deadline; the margin covers one statement in flight.
      if (!running.join(timings.closeTimeout().plus(Duration.ofMinutes(1)))) {
        log.error("request log writer did not finish; {} entries are still queued", queue.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("interrupted while waiting for the request log writer; {} entries are still queued", queue.size());
    }
  }

  /** Entries written so far. */
  long written() {
    return written.get();
  }

  /** Batch inserts that failed so far (and were retried). */
  long failedAttempts() {
    return failedAttempts.get();
  }

  private void run() {
    List<RequestLogEntry> batch = new ArrayList<>(batchSize);
    while (true) {
      RequestLogEntry first;
      try {
        first = queue.poll(timings.pollInterval().toNanos());
      } catch (InterruptedException e) {
        continue; // only stop() ends the writer, once everything is written
      }
      if (first == null) {
        if (queue.finished()) {
          return;
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, batchSize - 1);
      if (!writeUntilDone(batch)) {
        discardAfterGivingUp(batch.size());
        return;
      }
      batch.clear();
    }
  }

  /** Writes {@code batch}, retrying with backoff; false only if stopping and the deadline passed. */
  private boolean writeUntilDone(List<RequestLogEntry> batch) {
    // Ids are given once, so that a retry after a lost commit acknowledgement writes no duplicate.
    List<UUID> batchIds = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      batchIds.add(ids.newId());
    }
    long backoff = timings.firstBackoff().toNanos();
    long failures = 0;
    while (true) {
      try {
        insert(batch, batchIds);
        written.addAndGet(batch.size());
        if (failures > 0) {
          log.info("request log written again after {} failed attempts", failures);
        }
        return true;
      } catch (RuntimeException e) {
        failedAttempts.incrementAndGet();
        if (failures++ == 0) {
          log.warn("request log: writing {} entries failed; keeping them and retrying (callers wait once the "
              + "queue of {} entries is full): {}", batch.size(), queue.capacity(), describe(e));
        }
      }
      long sleep = backoff;
      if (queue.closed()) {
        long left = closeDeadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        sleep = Math.min(sleep, left);
      }
      sleepQuietly(sleep);
      backoff = Math.min(backoff * 2, timings.maxBackoff().toNanos());
    }
  }

  /** After the close deadline: lets blocked callers return, and says how much was lost. */
  private void discardAfterGivingUp(int inBatch) {
    long lost = inBatch;
    List<RequestLogEntry> rest = new ArrayList<>();
    do {
      rest.clear();
      lost += queue.drainTo(rest, Integer.MAX_VALUE);
      if (rest.isEmpty()) {
        sleepQuietly(TimeUnit.MILLISECONDS.toNanos(1));
      }
    } while (queue.recordersWaiting() || queue.size() > 0);
    log.error("request log: the database did not take the queued entries within {}; {} entries were not written",
        timings.closeTimeout(), lost);
  }

  /**
   * One statement per batch whatever its size: twelve array parameters, unnested into rows by
   * PostgreSQL. Rendering and binding cost stays constant per batch instead of growing per row.
   */
  private void insert(List<RequestLogEntry> batch, List<UUID> batchIds) {
    int n = batch.size();
    UUID[] tenants = new UUID[n];
    UUID[] rowIds = new UUID[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    String[] principalTypes = new String[n];
    UUID[] principalIds = new UUID[n];
    UUID[] tokenIds = new UUID[n];
    String[] means = new String[n];
    String[] methods = new String[n];
    String[] statusCodes = new String[n];
    Long[] durations = new Long[n];
    String[] peers = new String[n];
    String[] userAgents = new String[n];
    for (int i = 0; i < n; i++) {
      RequestLogEntry e = batch.get(i);
      tenants[i] = e.tenantId().value();
      rowIds[i] = batchIds.get(i);
      times[i] = Rows.time(e.time());
      principalTypes[i] = JooqRequestLogRepository.principalType(e.principal());
      principalIds[i] = JooqRequestLogRepository.principalId(e.principal());
      tokenIds[i] = e.tokenId() == null ? null : e.tokenId().value();
      means[i] = e.viaMeans().map(Actor::resourceName).orElse(null);
      methods[i] = text(e.method());
      statusCodes[i] = text(e.statusCode());
      durations[i] = micros(e.duration());
      peers[i] = text(e.peer());
      userAgents[i] = text(e.userAgent());
    }
    database.run(dsl -> dsl.execute("insert into request_log (tenant_id, id, time, principal_type, principal_id, "
            + "token_id, means, method, status_code, duration_micros, peer, user_agent) "
            + "select * from unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}) "
            + "on conflict do nothing",
        DSL.val(tenants, SQLDataType.UUID.array()), DSL.val(rowIds, SQLDataType.UUID.array()),
        DSL.val(times, SQLDataType.TIMESTAMPWITHTIMEZONE.array()), DriverArrays.texts(principalTypes),
        DSL.val(principalIds, SQLDataType.UUID.array()), DSL.val(tokenIds, SQLDataType.UUID.array()),
        DriverArrays.texts(means), DriverArrays.texts(methods),
        DriverArrays.texts(statusCodes), DSL.val(durations, SQLDataType.BIGINT.array()),
        DriverArrays.texts(peers), DriverArrays.texts(userAgents)));
  }

  /** The innermost cause's first line: jOOQ's own messages repeat the whole statement. */
  @SuppressWarnings("ReferenceEquality") // a cause that is its own cause ends the walk
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int newline = message.indexOf('\n');
    return root.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
  }

  /** PostgreSQL text cannot hold NUL; a row it would refuse would block the log forever. */
  private static String text(String value) {
    return value.indexOf('\0') < 0 ? value : value.replace('\0', '?');
  }

  private static long micros(Duration duration) {
    try {
      return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static void sleepQuietly(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      // only stop() ends the writer; its deadline bounds the retries
    }
  }
}
