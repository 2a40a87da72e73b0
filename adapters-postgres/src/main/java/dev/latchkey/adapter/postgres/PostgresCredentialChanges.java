package dev.latchkey.adapter.postgres;

import dev.latchkey.application.port.out.CredentialChanges;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import org.jooq.impl.DSL;

/**
 * Announces credential changes with PostgreSQL NOTIFY, which is transactional: listeners hear it
 * when the change commits and never if it rolls back. Duplicates within a transaction are folded
 * into one by PostgreSQL itself.
 */
public final class PostgresCredentialChanges implements CredentialChanges {
  static final String CHANNEL = "latchkey_credentials";

  private final Database database;

  @Inject
  public PostgresCredentialChanges(Database database) {
    this.database = database;
  }

  @Override
  public void announce(TenantId tenant) {
    database.run(dsl -> dsl.select(DSL.function("pg_notify", String.class, DSL.val(CHANNEL),
        DSL.val(tenant.toString()))).fetch());
  }
}
