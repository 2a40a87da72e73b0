package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.FieldValue;
import dev.latchkey.domain.record.RecordFields;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.conf.ParamType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch reaches its records by one index probe each, also on a table the planner has no statistics
 * of (a new installation's first sync): with those, it rated the tenant's model at one row and read
 * all of it for every batch. The plans are read with EXPLAIN on the very statements the repository
 * runs, their arrays inlined as the planner sees them in a batch's first executions. And an update
 * that reaches its row that way still never overwrites a newer version of it.
 */
class RecordAccessPathTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final int MODEL_SIZE = 20_000;
  private static final int BATCH = 1_000;
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  private static final Actor APP = new Actor.PrivateAppRef(Fixtures.anyPrivateAppId());

  private static Database db;
  private static TenantId tenant;

  @BeforeAll
  static void aModelOfTwentyThousandRecordsNeverAnalysed() throws SQLException {
    db = new Database(database.dataSource());
    Tenant t = Tenant.create(Fixtures.anyTenantId(), Fixtures.anyDisplayName(), NOW);
    new JooqTenantRepository(db).insert(t);
    tenant = t.id();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      // Autovacuum would analyse the table within a minute; until then a real installation is here too.
      s.execute("alter table record set (autovacuum_enabled = false)");
      s.execute("""
          insert into record (tenant_id, data_model, id, external_id, fields, create_time, update_time, creator,
                              updater, version, sequence)
          select '%1$s', 'companies', gen_random_uuid(), 'company-' || g, '{"name": "Company"}', now(), now(),
                 '%2$s', '%2$s', 1, g
          from generate_series(1, %3$d) g""".formatted(tenant.value(), APP.resourceName(), MODEL_SIZE));
      try (var rs = s.executeQuery("select count(*) from pg_stats where tablename = 'record'")) {
        rs.next();
        assertThat(rs.getInt(1)).as("column statistics of record").isZero();
      }
    }
  }

  @Test
  void aBatchIsLookedUpByOneExternalKeyProbePerRecord() {
    List<ExternalId> ids = IntStream.rangeClosed(1, BATCH).mapToObj(i -> new ExternalId("company-" + (i * 7)))
        .toList();

    String plan = explain(dsl -> JooqRecordRepository.findByExternalIdsQuery(dsl, tenant, DataModel.COMPANIES, ids));

    assertThat(plan).contains("Index Scan using record_external_id_unique on record")
        .doesNotContain("Seq Scan on record", "Bitmap Heap Scan on record", "record_change_order_idx", "Hash");
    assertThat(new JooqRecordRepository(db).findByExternalIds(tenant, DataModel.COMPANIES, ids)).hasSize(BATCH);
  }

  @Test
  void aBatchIsUpdatedByOnePrimaryKeyProbePerRecord() {
    List<ExternalId> ids = IntStream.rangeClosed(1, BATCH).mapToObj(i -> new ExternalId("company-" + (i * 11)))
        .toList();
    RecordFields changed = RecordFields.of(Map.of("name", new FieldValue.StringValue("Changed")));
    List<DataRecord> updates = new JooqRecordRepository(db).findByExternalIds(tenant, DataModel.COMPANIES, ids)
        .stream().map(r -> r.replaceFields(changed, APP, NOW, 1).orElseThrow().value()).toList();
    assertThat(updates).hasSize(BATCH);

    String plan = db.inTransaction(() -> {
      db.run(dsl -> dsl.resultQuery(JooqRecordRepository.PROBES_ONLY).fetch());
      return explain(dsl -> JooqRecordRepository.writeQuery(dsl, tenant, DataModel.COMPANIES, BATCH,
          OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC), List.of(), updates, List.of()));
    });

    assertThat(plan).contains("Update on record r", "Index Scan using record_pkey on record",
            "Tid Scan on record r")
        .doesNotContain("Seq Scan on record", "Bitmap Heap Scan on record", "record_change_order_idx", "Hash Join",
            "Merge Join", "Materialize");
  }

  @Test
  void anUpdateOvertakenWhileItWaitedForTheModelIsNotApplied() throws Exception {
    // Both writers read version 1 of the same record; the second's statement starts (and takes its
    // snapshot) while the first holds the model's clock, so it finds the row version 1 and must not
    // overwrite the first's version 2 when it gets its turn (PostgreSQL re-reads the row then).
    JooqRecordRepository records = new JooqRecordRepository(db);
    ExternalId id = new ExternalId("company-424");
    DataRecord read = records.findByExternalIds(tenant, DataModel.COMPANIES, List.of(id)).getFirst();
    DataRecord first = read.replaceFields(RecordFields.of(Map.of("name", new FieldValue.StringValue("First"))), APP,
        NOW, 1).orElseThrow().value();
    DataRecord second = read.replaceFields(RecordFields.of(Map.of("name", new FieldValue.StringValue("Second"))), APP,
        NOW, 1).orElseThrow().value();
    CountDownLatch firstWrote = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> firstWrite = threads.submit(() -> db.inTransaction(() -> {
        int updated = records.write(tenant, DataModel.COMPANIES, 1, NOW, List.of(), List.of(first), List.of())
            .updated();
        firstWrote.countDown();
        await(secondStarted);
        sleepUntilWaiting();
        return updated;
      }));
      await(firstWrote);
      Future<Integer> secondWrite = threads.submit(() -> db.inTransaction(() -> {
        secondStarted.countDown();
        return records.write(tenant, DataModel.COMPANIES, 1, NOW, List.of(), List.of(second), List.of()).updated();
      }));

      assertThat(firstWrite.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(secondWrite.get(30, TimeUnit.SECONDS)).isZero();
    } finally {
      threads.shutdownNow();
    }
    DataRecord stored = records.find(tenant, DataModel.COMPANIES, read.id()).orElseThrow();
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.fields()).isEqualTo(first.fields());
  }

  /** Until another session waits for a lock (the second writer, for the model's clock). */
  private static void sleepUntilWaiting() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (var rs = s.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
            + "and datname = current_database()")) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(10);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("the second writer never waited for the model's clock");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String explain(java.util.function.Function<DSLContext, ResultQuery<?>> query) {
    return db.run(dsl -> dsl.fetch("explain " + query.apply(dsl).getSQL(ParamType.INLINED))
        .stream().map(r -> r.get(0, String.class)).collect(Collectors.joining("\n")));
  }
}
