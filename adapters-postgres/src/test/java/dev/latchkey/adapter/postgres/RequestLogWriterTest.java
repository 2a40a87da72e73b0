package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.testing.Sql.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.adapter.postgres.testing.SwitchableDataSource;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request log's queue and writer: nothing lost under load, on shutdown, or through an outage;
 * push-back when full. And its partition maintenance.
 */
class RequestLogWriterTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final RequestLogWriter.Timings FAST = new RequestLogWriter.Timings(
      Duration.ofMillis(10), Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(30));

  private final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final TenantId tenant = new TenantId(UUID.randomUUID());
  private final Actor app = new Actor.PrivateAppRef(new PrivateAppId(UUID.randomUUID()));

  @BeforeEach
  void emptyTheLog() {
    Sql.execute(database.dataSource(), "truncate request_log");
  }

  @Test
  void everythingRecordedByManyThreadsIsWrittenBeforeStopReturns() throws Exception {
    var queue = new RequestLogQueue(16);
    var writer = new RequestLogWriter(queue, db, ids, 50, FAST);
    writer.start();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          for (int i = 0; i < 625; i++) {
            queue.record(entry(Instant.now()));
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    writer.stop();

    assertThat(rows()).isEqualTo(5_000);
    assertThat(Sql.count(database.dataSource(), "select count(distinct id) from request_log")).isEqualTo(5_000);
    assertThat(writer.written()).isEqualTo(5_000);
  }

  @Test
  void stoppingWhileThreadsRecordWritesEveryEntryThatWasAccepted() throws Exception {
    var queue = new RequestLogQueue(8);
    var writer = new RequestLogWriter(queue, db, ids, 20, FAST);
    writer.start();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(4);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        running.countDown();
        try {
          while (true) {
            queue.record(entry(Instant.now()));
            accepted.incrementAndGet();
          }
        } catch (IllegalStateException e) {
          refused.incrementAndGet();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    running.await();
    await("some entries are written", () -> writer.written() > 100);

    writer.stop();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(refused).hasValue(4);
    assertThat(rows()).isEqualTo(accepted.get());
  }

  @Test
  void aFullQueueBlocksTheCallerUntilTheWriterMakesRoom() throws Exception {
    var queue = new RequestLogQueue(2);
    var writer = new RequestLogWriter(queue, db, ids, 10, FAST); // not started: nothing drains the queue
    queue.record(entry(Instant.now()));
    queue.record(entry(Instant.now()));
    CountDownLatch third = new CountDownLatch(1);
    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        queue.record(entry(Instant.now()));
        third.countDown();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    await("the third caller waits in the queue", () -> caller.getState() == Thread.State.WAITING
        && Arrays.stream(caller.getStackTrace()).anyMatch(f -> f.getClassName().equals(ArrayBlockingQueue.class.getName())
            && f.getMethodName().equals("put")));
    assertThat(third.getCount()).isOne();
    assertThat(queue.size()).isEqualTo(2);

    writer.start();
    third.await();
    caller.join();
    writer.stop();

    assertThat(rows()).isEqualTo(3);
  }

  @Test
  void aStoppedWriterClosesTheQueueAndWritesWhatWasQueuedEvenIfNeverStarted() throws Exception {
    var queue = new RequestLogQueue(10);
    var writer = new RequestLogWriter(queue, db, ids, 10, FAST);
    queue.record(entry(Instant.now()));

    writer.stop();

    assertThat(rows()).isEqualTo(1);
    assertThatThrownBy(() -> queue.record(entry(Instant.now()))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(writer::start).isInstanceOf(IllegalStateException.class);
    writer.stop(); // a second stop is harmless
  }

  @Test
  void entriesSurviveADatabaseOutageAndAreWrittenOnceItIsBack() throws Exception {
    var switchable = new SwitchableDataSource(database.dataSource());
    switchable.down();
    var queue = new RequestLogQueue(100);
    var writer = new RequestLogWriter(queue, new Database(switchable), ids, 10, FAST);
    writer.start();
    for (int i = 0; i < 25; i++) {
      queue.record(entry(Instant.now()));
    }

    await("a few writes failed", () -> writer.failedAttempts() >= 3);
    assertThat(rows()).isZero();
    switchable.up();
    writer.stop();

    assertThat(rows()).isEqualTo(25);
  }

  @Test
  void entriesSurviveABatchTheDatabaseRefusesForAWhile() throws Exception {
    Sql.execute(database.dataSource(), """
        create table refuse_request_log (refuse boolean);
        insert into refuse_request_log values (true);
        create function refuse_request_log() returns trigger language plpgsql as $$
        begin
          if exists (select 1 from refuse_request_log) then
            raise exception 'refused by the test' using errcode = 'insufficient_privilege';
          end if;
          return null;
        end;
        $$;
        create trigger refuse_request_log before insert on request_log
          for each statement execute function refuse_request_log();
        """);
    try {
      var queue = new RequestLogQueue(100);
    var writer = new RequestLogWriter(queue, db, ids, 7, FAST);
      writer.start();
      for (int i = 0; i < 20; i++) {
        queue.record(entry(Instant.now()));
      }

      await("a few writes failed", () -> writer.failedAttempts() >= 3);
      assertThat(rows()).isZero();
      Sql.execute(database.dataSource(), "delete from refuse_request_log");
      writer.stop();

      assertThat(rows()).isEqualTo(20);
    } finally {
      Sql.execute(database.dataSource(), "drop trigger refuse_request_log on request_log; "
          + "drop function refuse_request_log(); drop table refuse_request_log");
    }
  }

  @Test
  void stopGivesUpAfterItsDeadlineWhenTheDatabaseStaysDown() throws Exception {
    var switchable = new SwitchableDataSource(database.dataSource());
    switchable.down();
    var impatient = new RequestLogWriter.Timings(Duration.ofMillis(10), Duration.ofMillis(5),
        Duration.ofMillis(20), Duration.ofMillis(200));
    var queue = new RequestLogQueue(3);
    var writer = new RequestLogWriter(queue, new Database(switchable), ids, 2, impatient);
    writer.start();
    for (int i = 0; i < 3; i++) {
      queue.record(entry(Instant.now()));
    }

    writer.stop(); // returns, having logged what it could not write

    assertThat(writer.written()).isZero();
    assertThatThrownBy(() -> queue.record(entry(Instant.now()))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void partitionMaintenanceCreatesMissingPartitionsWhenItStarts() throws Exception {
    String next = "request_log_"
        + LocalDate.now(ZoneOffset.UTC).plusMonths(1).format(DateTimeFormatter.ofPattern("yyyy_MM"));
    Sql.execute(database.dataSource(), "drop table " + next);
    assertThat(partitionExists(next)).isFalse();

    var partitions = new RequestLogPartitions(db, Duration.ofDays(1), Duration.ofMillis(50));
    partitions.start();
    await(next + " exists", () -> partitionExists(next));
    partitions.stop();
  }

  @Test
  void anEntryWithoutItsMonthsPartitionLandsInTheDefaultPartition() throws Exception {
    var queue = new RequestLogQueue(10);
    var writer = new RequestLogWriter(queue, db, ids, 10, FAST);
    queue.record(entry(Instant.parse("1999-12-31T23:59:59Z")));
    queue.record(entry(Instant.now()));
    writer.stop();

    assertThat(Sql.strings(database.dataSource(), "select tableoid::regclass::text from request_log order by time"))
        .containsExactly("request_log_default",
            "request_log_" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy_MM")));
  }

  @Test
  void textThatPostgresqlCannotStoreIsCleanedRatherThanBlockingTheLog() throws Exception {
    var queue = new RequestLogQueue(10);
    var writer = new RequestLogWriter(queue, db, ids, 10, FAST);
    queue.record(new RequestLogEntry(tenant, app, new ApiTokenId(UUID.randomUUID()), Instant.now(), "m",
        "OK\0", Duration.ofMillis(1), "p", "u"));
    writer.stop();

    assertThat(Sql.strings(database.dataSource(), "select status_code from request_log")).containsExactly("OK?");
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    var queue = new RequestLogQueue(10);
    assertThatThrownBy(() -> new RequestLogQueue(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestLogWriter(queue, db, ids, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestLogWriter(queue, db, ids, RequestLogWriter.MAX_BATCH_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private RequestLogEntry entry(Instant time) {
    return new RequestLogEntry(tenant, app, new ApiTokenId(UUID.randomUUID()), time.truncatedTo(ChronoUnit.MICROS),
        "/latchkey.v1.AuthService/GetCallerIdentity", "OK", Duration.ofNanos(1_234_000), "127.0.0.1:5555",
        "grpc-java/1.0");
  }

  private static long rows() {
    return Sql.count(database.dataSource(), "select count(*) from request_log");
  }

  private static boolean partitionExists(String name) {
    return Sql.count(database.dataSource(), "select count(*) from pg_inherits where inhrelid = to_regclass('"
        + name + "')") == 1;
  }
}
