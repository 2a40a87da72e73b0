package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request log's monthly partitions and its listing. */
class RequestLogTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final JooqRequestLogRepository logs = new JooqRequestLogRepository(db);
  private final TenantId tenant = new TenantId(UUID.randomUUID());
  private final TenantId otherTenant = new TenantId(UUID.randomUUID());
  private final UUID appUuid = UUID.randomUUID();
  private final Actor app = new Actor.PrivateAppRef(new PrivateAppId(appUuid));

  @BeforeEach
  void emptyTheLog() {
    Sql.execute(database.dataSource(), "truncate request_log");
  }

  @Test
  void theMigrationCreatesThisMonthAndTheNextTwoPlusADefaultPartition() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    DateTimeFormatter month = DateTimeFormatter.ofPattern("yyyy_MM");

    assertThat(Sql.strings(database.dataSource(), "select c.relname from pg_inherits i join pg_class c "
            + "on c.oid = i.inhrelid where i.inhparent = 'request_log'::regclass"))
        .contains("request_log_default", "request_log_" + today.format(month),
            "request_log_" + today.plusMonths(1).format(month), "request_log_" + today.plusMonths(2).format(month));
  }

  @Test
  void creatingPartitionsIsIdempotent() {
    assertThat(RequestLogPartitions.ensurePartitions(db, LocalDate.parse("2030-01-15"), 3)).isEqualTo(3);
    assertThat(RequestLogPartitions.ensurePartitions(db, LocalDate.parse("2030-01-01"), 3)).isZero();
    assertThat(RequestLogPartitions.ensurePartitions(db, LocalDate.parse("2030-02-28"), 3)).isEqualTo(1);

    assertThat(Sql.strings(database.dataSource(), "select pg_get_expr(c.relpartbound, c.oid) from pg_class c "
            + "where c.relkind = 'r' and c.relname like 'request\\_log\\_2030\\_%' order by c.relname"))
        .containsExactly(
            "FOR VALUES FROM ('2030-01-01 00:00:00+00') TO ('2030-02-01 00:00:00+00')",
            "FOR VALUES FROM ('2030-02-01 00:00:00+00') TO ('2030-03-01 00:00:00+00')",
            "FOR VALUES FROM ('2030-03-01 00:00:00+00') TO ('2030-04-01 00:00:00+00')",
            "FOR VALUES FROM ('2030-04-01 00:00:00+00') TO ('2030-05-01 00:00:00+00')");
  }

  @Test
  void concurrentCallersCreateEachPartitionOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(() -> RequestLogPartitions.ensurePartitions(db, LocalDate.parse("2031-01-01"), 12));
      }
      int created = 0;
      for (Future<Integer> f : pool.invokeAll(calls)) {
        created += f.get();
      }
      assertThat(created).isEqualTo(12);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void rowsOfAMonthWithoutPartitionWaitInTheDefaultPartitionAndMoveWhenItIsCreated() throws Exception {
    var queue = new RequestLogQueue(10);
    try (var writer = new RequestLogWriter(queue, db, ids, 10)) {
      queue.record(entry(app, tenant, "2001-05-03T10:00:00Z"));
      queue.record(entry(app, tenant, "2001-05-31T23:59:59.999999Z"));
      queue.record(entry(app, tenant, "2001-06-01T00:00:00Z"));
    }
    assertThat(partitionsOfRows()).containsExactly("request_log_default", "request_log_default", "request_log_default");

    assertThat(RequestLogPartitions.ensurePartitions(db, LocalDate.parse("2001-05-20"), 1)).isEqualTo(1);

    assertThat(partitionsOfRows()).containsExactly("request_log_2001_05", "request_log_2001_05", "request_log_default");
    assertThat(logs.list(tenant, app, new PageRequest(10, Optional.empty())).items()).hasSize(3);
    assertThat(RequestLogPartitions.ensurePartitions(db, LocalDate.parse("2001-05-01"), 1)).isZero();
  }

  @Test
  void aNegativeNumberOfMonthsIsRefused() {
    assertThatThrownBy(() -> RequestLogPartitions.ensurePartitions(db, LocalDate.parse("2030-01-01"), -1))
        .hasMessageContaining("months must be between");
  }

  @Test
  void aPrincipalsEntriesAreListedNewestFirstAndPagedByTheLastId() throws Exception {
    Instant start = Instant.parse("2026-11-02T08:00:00Z");
    List<RequestLogEntry> written = new ArrayList<>();
    var queue = new RequestLogQueue(100);
    try (var writer = new RequestLogWriter(queue, db, ids, 3)) {
      for (int i = 0; i < 7; i++) {
        RequestLogEntry e = entry(app, tenant, start.plusSeconds(i).toString());
        written.add(e);
        queue.record(e);
        // Entries of others, interleaved: another app, a user with the same uuid, the same app id in another tenant.
        queue.record(entry(new Actor.PrivateAppRef(new PrivateAppId(UUID.randomUUID())), tenant, start.toString()));
        queue.record(entry(new Actor.UserRef(new UserId(appUuid)), tenant, start.toString()));
        queue.record(entry(app, otherTenant, start.toString()));
      }
    }

    Page<RequestLogEntry> first = logs.list(tenant, app, new PageRequest(3, Optional.empty()));
    Page<RequestLogEntry> second = logs.list(tenant, app, new PageRequest(3, first.nextCursor()));
    Page<RequestLogEntry> third = logs.list(tenant, app, new PageRequest(3, second.nextCursor()));

    assertThat(first.items()).containsExactly(written.get(6), written.get(5), written.get(4));
    assertThat(second.items()).containsExactly(written.get(3), written.get(2), written.get(1));
    assertThat(third.items()).containsExactly(written.get(0));
    assertThat(third.nextCursor()).isEmpty();
    assertThat(logs.list(otherTenant, app, new PageRequest(10, Optional.empty())).items()).hasSize(7);
    assertThat(logs.list(otherTenant, new Actor.UserRef(new UserId(appUuid)), new PageRequest(10, Optional.empty()))
        .items()).isEmpty();
    assertThat(logs.list(tenant, new Actor.Operator(), new PageRequest(10, Optional.empty())).items()).isEmpty();
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() throws Exception {
    var entry = new RequestLogEntry(tenant, app, new ApiTokenId(UUID.randomUUID()),
        Instant.parse("2026-11-23T10:15:30.123456Z"), "/latchkey.v1.PrivateAppService/GetPrivateApp",
        "PERMISSION_DENIED", Duration.ofSeconds(3, 7_000), "[::1]:40000", "grpcurl/1.9 ✓");
    var queue = new RequestLogQueue(10);
    try (var writer = new RequestLogWriter(queue, db, ids, 10)) {
      queue.record(entry);
    }

    assertThat(logs.list(tenant, app, new PageRequest(1, Optional.empty())).items()).containsExactly(entry);
  }

  @Test
  void callsTheOperatorMadeForAUserAreLoggedWithTheMeansAndNoToken() throws Exception {
    Actor user = new Actor.UserRef(new UserId(UUID.randomUUID()));
    var actedFor = new RequestLogEntry(tenant, user, null, new Actor.Operator(),
        Instant.parse("2026-11-23T10:15:30.123456Z"), "/latchkey.v1.ApiTokenService/CreateApiToken", "OK",
        Duration.ofMillis(12), "10.0.0.7:5555", "web-app/2.0");
    var own = entry(user, tenant, "2026-11-23T10:15:31Z");
    var queue = new RequestLogQueue(10);
    try (var writer = new RequestLogWriter(queue, db, ids, 10)) {
      queue.record(actedFor);
      queue.record(own);
    }

    List<RequestLogEntry> read = logs.list(tenant, user, new PageRequest(10, Optional.empty())).items();
    assertThat(read).containsExactly(own, actedFor);
    assertThat(read.get(1).viaMeans()).contains(new Actor.Operator());
    assertThat(read.get(1).tokenName()).isEmpty();
    assertThat(read.get(0).viaMeans()).isEmpty();
    assertThat(Sql.count(database.dataSource(),
        "select count(*) from request_log where means = 'operator' and token_id is null")).isOne();
  }

  @Test
  void theDatabaseRefusesARowWithNeitherOrBothOfATokenAndAMeans() {
    String row = "insert into request_log (tenant_id, id, time, principal_type, principal_id, token_id, means, method, "
        + "status_code, duration_micros, peer, user_agent) values (gen_random_uuid(), gen_random_uuid(), now(), "
        + "'USER', gen_random_uuid(), %s, %s, 'm', 'OK', 1, 'p', 'u')";

    assertThatThrownBy(() -> Sql.execute(database.dataSource(), row.formatted("null", "null")))
        .hasStackTraceContaining("request_log_token_or_means");
    assertThatThrownBy(() -> Sql.execute(database.dataSource(), row.formatted("gen_random_uuid()", "'operator'")))
        .hasStackTraceContaining("request_log_token_or_means");
    assertThatThrownBy(() -> Sql.execute(database.dataSource(), row.formatted("null", "'someone'")))
        .hasStackTraceContaining("request_log_means_check");
    // Partitions made after the migration get the same checks.
    RequestLogPartitions.ensurePartitions(db, LocalDate.parse("2032-07-01"), 1);
    assertThatThrownBy(() -> Sql.execute(database.dataSource(), row.replace("now()", "'2032-07-04'")
        .formatted("null", "null"))).hasStackTraceContaining("request_log_token_or_means");
    assertThat(Sql.count(database.dataSource(), "select count(*) from request_log")).isZero();
  }

  private List<String> partitionsOfRows() {
    return Sql.strings(database.dataSource(), "select tableoid::regclass::text from request_log order by time");
  }

  private static RequestLogEntry entry(Actor principal, TenantId tenant, String time) {
    return new RequestLogEntry(tenant, principal, new ApiTokenId(UUID.randomUUID()),
        Instant.parse(time).truncatedTo(ChronoUnit.MICROS), "/latchkey.v1.AuthService/CheckAccess", "OK",
        Duration.ofMillis(2), "10.0.0.1:1234", "test");
  }
}
