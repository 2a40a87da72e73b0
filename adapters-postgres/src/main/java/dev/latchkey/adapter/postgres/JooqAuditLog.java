package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.AUDIT_EVENT;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEventId;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The audit trail in PostgreSQL; the table refuses updates and deletes. */
public final class JooqAuditLog implements AuditLog {
  private static final char LIKE_ESCAPE = '!';

  // The details object read back as two arrays in key order: PostgreSQL parses its own JSON.
  private static final Field<String[]> DETAIL_KEYS = DSL.field(
      "array(select e.key from jsonb_each_text({0}) as e order by e.key)", SQLDataType.CLOB.array(),
      AUDIT_EVENT.DETAILS).as("detail_keys");
  private static final Field<String[]> DETAIL_VALUES = DSL.field(
      "array(select e.value from jsonb_each_text({0}) as e order by e.key)", SQLDataType.CLOB.array(),
      AUDIT_EVENT.DETAILS).as("detail_values");

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
        // The operator when it acted for the actor (latchkey-act-as); read back as an actor.
        .set(AUDIT_EVENT.MEANS, entry.viaMeans().map(Actor::resourceName).orElse(null))
        .set(AUDIT_EVENT.ACTION, entry.action().wireName())
        .set(AUDIT_EVENT.TARGET, entry.target())
        // jsonb_object builds the JSON in the database: no JSON library, no hand-rolled escaping.
        .set(AUDIT_EVENT.DETAILS, DSL.field("jsonb_object({0}, {1})", JSONB.class,
            DSL.val(keys), DSL.val(values)))
        .execute());
  }

  @Override
  public Page<AuditEntry> list(TenantId tenantId, PageRequest request, Optional<String> target) {
    // Ids are UUIDv7: newest first is id descending, and the last id is a stable keyset cursor.
    Condition after = request.cursor().map(c -> AUDIT_EVENT.ID.lt(UUID.fromString(c))).orElse(DSL.noCondition());
    Condition about = target
        .map(t -> AUDIT_EVENT.TARGET.eq(t).or(AUDIT_EVENT.TARGET.like(escapeLike(t) + "/%", LIKE_ESCAPE)))
        .orElse(DSL.noCondition());
    List<AuditEntry> rows = database.run(dsl -> dsl
        .select(AUDIT_EVENT.TENANT_ID, AUDIT_EVENT.ID, AUDIT_EVENT.TIME, AUDIT_EVENT.ACTOR, AUDIT_EVENT.TOKEN_ID,
            AUDIT_EVENT.MEANS, AUDIT_EVENT.ACTION, AUDIT_EVENT.TARGET, DETAIL_KEYS, DETAIL_VALUES)
        .from(AUDIT_EVENT)
        .where(AUDIT_EVENT.TENANT_ID.eq(tenantId.value()), about, after)
        .orderBy(AUDIT_EVENT.ID.desc())
        .limit(request.size() + 1)
        .fetch(JooqAuditLog::toEntry));
    boolean more = rows.size() > request.size();
    List<AuditEntry> items = rows.subList(0, Math.min(rows.size(), request.size()));
    return new Page<>(items, more ? Optional.of(items.getLast().id().toString()) : Optional.empty());
  }

  /** {@code text} with LIKE's wildcards and the escape character taken literally. */
  static String escapeLike(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
        escaped.append(LIKE_ESCAPE);
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  private static AuditEntry toEntry(Record r) {
    UUID id = r.get(AUDIT_EVENT.ID);
    Actor actor = Actor.fromResourceName(r.get(AUDIT_EVENT.ACTOR))
        .orElseThrow(() -> new IllegalStateException("unreadable actor in audit_event " + id));
    AuditAction action = AuditAction.byWireName(r.get(AUDIT_EVENT.ACTION))
        .orElseThrow(() -> new IllegalStateException("unknown action in audit_event " + id));
    String[] keys = r.get(DETAIL_KEYS);
    String[] values = r.get(DETAIL_VALUES);
    Map<String, String> details = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      details.put(keys[i], values[i]);
    }
    UUID token = r.get(AUDIT_EVENT.TOKEN_ID);
    String meansName = r.get(AUDIT_EVENT.MEANS);
    Actor means = meansName == null ? null : Actor.fromResourceName(meansName)
        .orElseThrow(() -> new IllegalStateException("unreadable means in audit_event " + id));
    return new AuditEntry(new TenantId(r.get(AUDIT_EVENT.TENANT_ID)), new AuditEventId(id),
        Rows.instant(r.get(AUDIT_EVENT.TIME)), actor, token == null ? null : new ApiTokenId(token), means, action,
        r.get(AUDIT_EVENT.TARGET), details);
  }
}
