package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.application.fakes.RecordRepositoryContract;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.FieldValue;
import dev.latchkey.domain.record.RecordFields;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The jOOQ record repository keeps the same contract as the in-memory fake, against a real PostgreSQL. */
class JooqRecordRepositoryTest extends RecordRepositoryContract {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  @Override
  protected Repositories freshRepositories() {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("truncate record_revision, record, record_clock");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Database db = new Database(database.dataSource());
    return new Repositories(new JooqTenantRepository(db), new JooqRecordRepository(db));
  }

  /**
   * A batch update probes the primary key row by row: a custom plan (the batch's size known) would
   * otherwise hash-join it with a sequential scan of every record of the model, a cost that grows
   * with the table. The planner settings it needs are the transaction's own again afterwards.
   */
  @Test
  void aBatchUpdateProbesTheIndexWhateverTheTableSizeAndRestoresThePlannerSettings() {
    Repositories r = freshRepositories();
    Database db = new Database(database.dataSource());
    JooqRecordRepository records = new JooqRecordRepository(db);
    Tenant t = Tenant.create(new TenantId(UUID.randomUUID()), new DisplayName("Big"), Instant.now());
    r.tenants().insert(t);
    Actor app = new Actor.PrivateAppRef(new PrivateAppId(UUID.randomUUID()));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<DataRecord> all = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      all.add(DataRecord.create(t.id(), DataModel.COMPANIES, new RecordId(UUID.randomUUID()),
          Optional.of(new ExternalId("c-" + i)),
          RecordFields.of(Map.of("name", new FieldValue.StringValue("Company " + i))), app, now, i + 1).value());
    }
    for (int i = 0; i < all.size(); i += 1_000) {
      records.insert(all.subList(i, i + 1_000));
    }
    db.run(dsl -> dsl.execute("analyze record"));
    Instant later = now.plusSeconds(1);
    List<DataRecord> changed = all.subList(2_000, 3_000).stream()
        .map(x -> x.replaceFields(RecordFields.of(Map.of("name", new FieldValue.StringValue("Renamed"))), app,
            later, x.sequence() + 10_000).orElseThrow().value())
        .toList();

    for (String setting : List.of("on", "off")) {
      List<DataRecord> batch = setting.equals("on") ? changed.subList(0, 500) : changed.subList(500, 1_000);
      var after = db.inTransaction(() -> db.run(dsl -> {
        dsl.execute("set local enable_hashjoin = " + setting);
        int updated = records.update(batch);
        return List.of(updated,
            dsl.fetchValue("select seq_scan from pg_stat_xact_user_tables where relname = 'record'"),
            dsl.fetchValue(DSL.field("current_setting('enable_hashjoin')")),
            dsl.fetchValue(DSL.field("current_setting('enable_mergejoin')")));
      }));

      assertThat(after).as("hash joins %s before", setting).containsExactly(500, 0L, setting, "on");
    }
    assertThat(records.find(t.id(), DataModel.COMPANIES, changed.getLast().id())).contains(changed.getLast());
  }
}
