package dev.latchkey.adapter.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a database to the current schema with the append-only Flyway migrations of this module. */
public final class SchemaMigrations {
  private SchemaMigrations() {}

  /** Applies every pending migration; returns how many ran. Refuses a database with unknown ones. */
  public static int migrate(DataSource dataSource) {
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .cleanDisabled(true)
        .validateMigrationNaming(true)
        .ignoreMigrationPatterns("*:missing")
        .load()
        .migrate();
    return result.migrationsExecuted;
  }
}
