package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.PRIVATE_APP;

import dev.latchkey.adapter.postgres.schema.tables.records.PrivateAppRecord;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Private apps in PostgreSQL; deleted ones keep their row (with a delete time) and are never returned. */
public final class JooqPrivateAppRepository implements PrivateAppRepository {
  private final Database database;

  @Inject
  public JooqPrivateAppRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(PrivateApp app) {
    database.run(dsl -> dsl.insertInto(PRIVATE_APP)
        .set(PRIVATE_APP.TENANT_ID, app.tenantId().value())
        .set(PRIVATE_APP.ID, app.id().value())
        .set(PRIVATE_APP.DISPLAY_NAME, app.displayName().value())
        .set(PRIVATE_APP.DESCRIPTION, app.description().value())
        .set(PRIVATE_APP.STATE, app.state().name())
        .set(PRIVATE_APP.GRANTS, GrantsColumn.write(app.grants()))
        .set(PRIVATE_APP.CREATE_TIME, Rows.time(app.createTime()))
        .set(PRIVATE_APP.UPDATE_TIME, Rows.time(app.updateTime()))
        .set(PRIVATE_APP.CREATOR, app.creator().resourceName())
        .set(PRIVATE_APP.VERSION, app.version())
        .execute());
  }

  @Override
  public Optional<PrivateApp> findById(TenantId tenantId, PrivateAppId id) {
    return database.run(dsl -> dsl.selectFrom(PRIVATE_APP)
            .where(live(tenantId), PRIVATE_APP.ID.eq(id.value()))
            .fetchOptional())
        .map(JooqPrivateAppRepository::toApp);
  }

  /** Optimistic: only the version before {@code app}'s is overwritten, and only while the app lives. */
  @Override
  public boolean update(PrivateApp app) {
    return database.run(dsl -> dsl.update(PRIVATE_APP)
        .set(PRIVATE_APP.DISPLAY_NAME, app.displayName().value())
        .set(PRIVATE_APP.DESCRIPTION, app.description().value())
        .set(PRIVATE_APP.STATE, app.state().name())
        .set(PRIVATE_APP.GRANTS, GrantsColumn.write(app.grants()))
        .set(PRIVATE_APP.UPDATE_TIME, Rows.time(app.updateTime()))
        .set(PRIVATE_APP.VERSION, app.version())
        .where(live(app.tenantId()), PRIVATE_APP.ID.eq(app.id().value()), PRIVATE_APP.VERSION.eq(app.version() - 1))
        .execute()) == 1;
  }

  @Override
  public Page<PrivateApp> list(TenantId tenantId, PageRequest request, Optional<PrivateAppState> state) {
    // Ids are UUIDv7: newest first is id descending, and the last id is a stable keyset cursor.
    Condition after = request.cursor().map(c -> PRIVATE_APP.ID.lt(UUID.fromString(c))).orElse(DSL.noCondition());
    Condition inState = state.map(s -> PRIVATE_APP.STATE.eq(s.name())).orElse(DSL.noCondition());
    List<PrivateAppRecord> rows = database.run(dsl -> dsl.selectFrom(PRIVATE_APP)
        .where(live(tenantId), inState, after)
        .orderBy(PRIVATE_APP.ID.desc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<PrivateApp> items = rows.stream().limit(request.size()).map(JooqPrivateAppRepository::toApp).toList();
    return new Page<>(items, more ? Optional.of(items.getLast().id().toString()) : Optional.empty());
  }

  @Override
  public boolean delete(TenantId tenantId, PrivateAppId id, Instant when) {
    return database.run(dsl -> dsl.update(PRIVATE_APP)
        .set(PRIVATE_APP.DELETE_TIME, Rows.time(when))
        .where(live(tenantId), PRIVATE_APP.ID.eq(id.value()))
        .execute()) == 1;
  }

  private static Condition live(TenantId tenantId) {
    return PRIVATE_APP.TENANT_ID.eq(tenantId.value()).and(PRIVATE_APP.DELETE_TIME.isNull());
  }

  private static PrivateApp toApp(PrivateAppRecord r) {
    Actor creator = Actor.fromResourceName(r.getCreator())
        .orElseThrow(() -> new IllegalStateException("unreadable creator in private_app " + r.getId()));
    return new PrivateApp(new TenantId(r.getTenantId()), new PrivateAppId(r.getId()),
        DisplayName.stored(r.getDisplayName()), new Description(r.getDescription()),
        PrivateAppState.valueOf(r.getState()), GrantsColumn.read(r.getGrants()), Rows.instant(r.getCreateTime()),
        Rows.instant(r.getUpdateTime()), creator, r.getVersion());
  }
}
