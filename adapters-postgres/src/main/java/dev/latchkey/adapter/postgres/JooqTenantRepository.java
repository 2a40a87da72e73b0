package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.TENANT;

import dev.latchkey.adapter.postgres.schema.tables.records.TenantRecord;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Tenants in PostgreSQL. */
public final class JooqTenantRepository implements TenantRepository {
  private final Database database;

  @Inject
  public JooqTenantRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(Tenant tenant) {
    database.run(dsl -> dsl.insertInto(TENANT)
        .set(TENANT.ID, tenant.id().value())
        .set(TENANT.DISPLAY_NAME, tenant.displayName().value())
        .set(TENANT.CREATE_TIME, Rows.time(tenant.createTime()))
        .set(TENANT.UPDATE_TIME, Rows.time(tenant.updateTime()))
        .execute());
  }

  @Override
  public Optional<Tenant> findById(TenantId id) {
    return database.run(dsl -> dsl.selectFrom(TENANT).where(TENANT.ID.eq(id.value())).fetchOptional())
        .map(JooqTenantRepository::toTenant);
  }

  @Override
  public Page<Tenant> list(PageRequest request) {
    // Ids are UUIDv7: ordering by id is ordering by creation time, and a stable keyset cursor.
    Condition after = request.cursor().map(c -> TENANT.ID.lt(UUID.fromString(c))).orElse(DSL.noCondition());
    List<TenantRecord> rows = database.run(dsl -> dsl.selectFrom(TENANT)
        .where(after)
        .orderBy(TENANT.ID.desc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<Tenant> items = rows.stream().limit(request.size()).map(JooqTenantRepository::toTenant).toList();
    return new Page<>(items, more ? Optional.of(items.getLast().id().toString()) : Optional.empty());
  }

  private static Tenant toTenant(TenantRecord r) {
    return new Tenant(new TenantId(r.getId()), DisplayName.stored(r.getDisplayName()),
        Rows.instant(r.getCreateTime()), Rows.instant(r.getUpdateTime()));
  }
}
