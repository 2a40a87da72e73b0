package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.ROLE;

import dev.latchkey.adapter.postgres.schema.tables.records.RoleRecord;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.util.Optional;

/** Roles in PostgreSQL. */
public final class JooqRoleRepository implements RoleRepository {
  private final Database database;

  @Inject
  public JooqRoleRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(Role role) {
    database.run(dsl -> dsl.insertInto(ROLE)
        .set(ROLE.TENANT_ID, role.tenantId().value())
        .set(ROLE.ID, role.id().value())
        .set(ROLE.DISPLAY_NAME, role.displayName().value())
        .set(ROLE.GRANTS, GrantsColumn.write(role.grants()))
        .set(ROLE.API_ACCESS, role.apiAccess())
        .set(ROLE.CREATE_TIME, Rows.time(role.createTime()))
        .set(ROLE.UPDATE_TIME, Rows.time(role.updateTime()))
        .set(ROLE.VERSION, role.version())
        .execute());
  }

  @Override
  public Optional<Role> findById(TenantId tenantId, RoleId id) {
    return database.run(dsl -> dsl.selectFrom(ROLE)
            .where(ROLE.TENANT_ID.eq(tenantId.value()), ROLE.ID.eq(id.value()))
            .fetchOptional())
        .map(JooqRoleRepository::toRole);
  }

  private static Role toRole(RoleRecord r) {
    return new Role(new TenantId(r.getTenantId()), new RoleId(r.getId()), new DisplayName(r.getDisplayName()),
        GrantsColumn.read(r.getGrants()), r.getApiAccess(), Rows.instant(r.getCreateTime()),
        Rows.instant(r.getUpdateTime()), r.getVersion());
  }
}
