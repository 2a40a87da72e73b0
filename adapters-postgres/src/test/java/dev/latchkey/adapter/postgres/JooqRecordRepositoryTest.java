package dev.latchkey.adapter.postgres;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.application.fakes.RecordRepositoryContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
}
