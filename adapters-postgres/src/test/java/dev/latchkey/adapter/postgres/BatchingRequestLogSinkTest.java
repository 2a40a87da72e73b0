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

/** The request-log writer: nothing lost under load, on shutdown, or through an outage; push-back when full. */
class BatchingRequestLogSinkTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final BatchingRequestLogSink.Timings FAST = new BatchingRequestLogSink.Timings(
      Duration.ofMillis(10), Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofDays(1),
      Duration.ofMillis(50));

  private final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final TenantId tenant = new TenantId(UUID.randomUUID());
  private final Actor app = new Actor.PrivateAppRef(new PrivateAppId(UUID.randomUUID()));

  @BeforeEach
  void emptyTheLog() {
    Sql.execute(database.dataSource(), "truncate request_log");
  }

  @Test
  void everythingRecordedByManyThreadsIsWrittenBeforeCloseReturns() throws Exception {
    var sink = new BatchingRequestLogSink(db, ids, 16, 50, FAST);
    sink.start();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          for (int i = 0; i < 625; i++) {
            sink.record(entry(Instant.now()));
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    sink.close();

    assertThat(rows()).isEqualTo(5_000);
    assertThat(Sql.count(database.dataSource(), "select count(distinct id) from request_log")).isEqualTo(5_000);
    assertThat(sink.written()).isEqualTo(5_000);
  }

  @Test
  void closingWhileThreadsRecordWritesEveryEntryThatWasAccepted() throws Exception {
    var sink = new BatchingRequestLogSink(db, ids, 8, 20, FAST);
    sink.start();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch running = new CountDownLatch(4);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        running.countDown();
        try {
          while (true) {
            sink.record(entry(Instant.now()));
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
    await("some entries are written", () -> sink.written() > 100);

    sink.close();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(refused).hasValue(4);
    assertThat(rows()).isEqualTo(accepted.get());
  }

  @Test
  void aFullQueueBlocksTheCallerUntilTheWriterMakesRoom() throws Exception {
    var sink = new BatchingRequestLogSink(db, ids, 2, 10, FAST); // not started: nothing drains the queue
    sink.record(entry(Instant.now()));
    sink.record(entry(Instant.now()));
    CountDownLatch third = new CountDownLatch(1);
    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        sink.record(entry(Instant.now()));
        third.countDown();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    await("the third caller waits in the queue", () -> caller.getState() == Thread.State.WAITING
        && Arrays.stream(caller.getStackTrace()).anyMatch(f -> f.getClassName().equals(ArrayBlockingQueue.class.getName())
            && f.getMethodName().equals("put")));
    assertThat(third.getCount()).isOne();
    assertThat(sink.queued()).isEqualTo(2);

    sink.start();
    third.await();
    caller.join();
    sink.close();

    assertThat(rows()).isEqualTo(3);
  }

  @Test
  void aClosedSinkRefusesEntriesAndWritesWhatWasQueuedEvenIfNeverStarted() throws Exception {
    var sink = new BatchingRequestLogSink(db, ids, 10, 10, FAST);
    sink.record(entry(Instant.now()));

    sink.close();

    assertThat(rows()).isEqualTo(1);
    assertThatThrownBy(() -> sink.record(entry(Instant.now()))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(sink::start).isInstanceOf(IllegalStateException.class);
    sink.close(); // a second close is harmless
  }

  @Test
  void entriesSurviveADatabaseOutageAndAreWrittenOnceItIsBack() throws Exception {
    var switchable = new SwitchableDataSource(database.dataSource());
    switchable.down();
    var sink = new BatchingRequestLogSink(new Database(switchable), ids, 100, 10, FAST);
    sink.start();
    for (int i = 0; i < 25; i++) {
      sink.record(entry(Instant.now()));
    }

    await("a few writes failed", () -> sink.failedAttempts() >= 3);
    assertThat(rows()).isZero();
    switchable.up();
    sink.close();

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
      var sink = new BatchingRequestLogSink(db, ids, 100, 7, FAST);
      sink.start();
      for (int i = 0; i < 20; i++) {
        sink.record(entry(Instant.now()));
      }

      await("a few writes failed", () -> sink.failedAttempts() >= 3);
      assertThat(rows()).isZero();
      Sql.execute(database.dataSource(), "delete from refuse_request_log");
      sink.close();

      assertThat(rows()).isEqualTo(20);
    } finally {
      Sql.execute(database.dataSource(), "drop trigger refuse_request_log on request_log; "
          + "drop function refuse_request_log(); drop table refuse_request_log");
    }
  }

  @Test
  void closeGivesUpAfterItsDeadlineWhenTheDatabaseStaysDown() throws Exception {
    var switchable = new SwitchableDataSource(database.dataSource());
    switchable.down();
    var impatient = new BatchingRequestLogSink.Timings(Duration.ofMillis(10), Duration.ofMillis(5),
        Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofDays(1), Duration.ofMillis(50));
    var sink = new BatchingRequestLogSink(new Database(switchable), ids, 3, 2, impatient);
    sink.start();
    for (int i = 0; i < 3; i++) {
      sink.record(entry(Instant.now()));
    }

    sink.close(); // returns, having logged what it could not write

    assertThat(sink.written()).isZero();
    assertThatThrownBy(() -> sink.record(entry(Instant.now()))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theWriterCreatesMissingPartitionsWhenItStarts() throws Exception {
    String next = "request_log_"
        + LocalDate.now(ZoneOffset.UTC).plusMonths(1).format(DateTimeFormatter.ofPattern("yyyy_MM"));
    Sql.execute(database.dataSource(), "drop table " + next);
    assertThat(partitionExists(next)).isFalse();

    var sink = new BatchingRequestLogSink(db, ids, 10, 10, FAST);
    sink.start();
    await(next + " exists", () -> partitionExists(next));
    sink.close();
  }

  @Test
  void anEntryWithoutItsMonthsPartitionLandsInTheDefaultPartition() throws Exception {
    var sink = new BatchingRequestLogSink(db, ids, 10, 10, FAST);
    sink.record(entry(Instant.parse("1999-12-31T23:59:59Z")));
    sink.record(entry(Instant.now()));
    sink.close();

    assertThat(Sql.strings(database.dataSource(), "select tableoid::regclass::text from request_log order by time"))
        .containsExactly("request_log_default",
            "request_log_" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy_MM")));
  }

  @Test
  void textThatPostgresqlCannotStoreIsCleanedRatherThanBlockingTheLog() throws Exception {
    var sink = new BatchingRequestLogSink(db, ids, 10, 10, FAST);
    sink.record(new RequestLogEntry(tenant, app, new ApiTokenId(UUID.randomUUID()), Instant.now(), "m",
        "OK\0", Duration.ofMillis(1), "p", "u"));
    sink.close();

    assertThat(Sql.strings(database.dataSource(), "select status_code from request_log")).containsExactly("OK?");
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> new BatchingRequestLogSink(db, ids, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchingRequestLogSink(db, ids, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchingRequestLogSink(db, ids, 10, BatchingRequestLogSink.MAX_BATCH_SIZE + 1))
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
