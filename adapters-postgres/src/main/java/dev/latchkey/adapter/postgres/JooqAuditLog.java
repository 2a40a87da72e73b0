package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.AUDIT_EVENT;

import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.domain.audit.AuditEntry;
import jakarta.inject.Inject;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** The audit trail in PostgreSQL; the table refuses updates and deletes. */
public final class JooqAuditLog implements AuditLog {
  private final Database database;

  @Inject
  public JooqAuditLog(Database database) {
    this.database = database;
  }

  @Override
  public void append(AuditEntry entry) {
    String[] keys = entry.details().keySet().toArray(String[]::new);
    String[] values = entry.details().values().toArray(String[]::new);
    database.run(dsl -> dsl.insertInto(AUDIT_EVENT)
        .set(AUDIT_EVENT.TENANT_ID, entry.tenantId().value())
        .set(AUDIT_EVENT.ID, entry.id().value())
        .set(AUDIT_EVENT.TIME, Rows.time(entry.time()))
        .set(AUDIT_EVENT.ACTOR, entry.actor().resourceName())
        .set(AUDIT_EVENT.TOKEN_ID, entry.token().map(t -> t.value()).orElse(null))
        .set(AUDIT_EVENT.ACTION, entry.action().wireName())
        .set(AUDIT_EVENT.TARGET, entry.target())
        // jsonb_object builds the JSON in the database: no JSON library, no hand-rolled escaping.
        .set(AUDIT_EVENT.DETAILS, DSL.field("jsonb_object({0}, {1})", JSONB.class,
            DSL.val(keys), DSL.val(values)))
        .execute());
  }
}
