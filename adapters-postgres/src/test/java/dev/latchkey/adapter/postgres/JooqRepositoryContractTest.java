package dev.latchkey.adapter.postgres;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.application.fakes.RepositoryContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The jOOQ repositories keep the same contract as the in-memory fakes, against a real PostgreSQL. */
class JooqRepositoryContractTest extends RepositoryContract {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  @Override
  protected Repositories freshRepositories() {
    emptyAllTables();
    Database db = new Database(database.dataSource());
    return new Repositories(
        new JooqTenantRepository(db), new JooqRoleRepository(db), new JooqUserRepository(db),
        new JooqApiTokenRepository(db), new JooqPrivateAppRepository(db), new JooqAuditLog(db));
  }

  private static void emptyAllTables() {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      // The audit trail refuses TRUNCATE by trigger; a test may bypass triggers, the application cannot.
      s.execute("set session_replication_role = replica");
      s.execute("truncate webhook_delivery_attempt, webhook_delivery, webhook, record_revision, record, record_clock, "
          + "audit_event, rate_limit, api_token, ingest_token, analytics_retention, private_app, app_user, role, tenant");
      s.execute("set session_replication_role = default");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
