package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.ROLE;

import dev.latchkey.adapter.postgres.schema.tables.records.RoleRecord;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Roles in PostgreSQL; deleted ones keep their row (with a delete time) and are never returned. */
public final class JooqRoleRepository implements RoleRepository {
  /** Raised by the database when a role held by live users is deleted (see V3). */
  static final String DELETED_WITHOUT_USERS = "role_deleted_without_users";

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
            .where(live(tenantId), ROLE.ID.eq(id.value()))
            .fetchOptional())
        .map(JooqRoleRepository::toRole);
  }

  /** Optimistic: only the version before {@code role}'s is overwritten, and only while the role lives. */
  @Override
  public boolean update(Role role) {
    return database.run(dsl -> dsl.update(ROLE)
        .set(ROLE.DISPLAY_NAME, role.displayName().value())
        .set(ROLE.GRANTS, GrantsColumn.write(role.grants()))
        .set(ROLE.API_ACCESS, role.apiAccess())
        .set(ROLE.UPDATE_TIME, Rows.time(role.updateTime()))
        .set(ROLE.VERSION, role.version())
        .where(live(role.tenantId()), ROLE.ID.eq(role.id().value()), ROLE.VERSION.eq(role.version() - 1))
        .execute()) == 1;
  }

  @Override
  public Page<Role> list(TenantId tenantId, PageRequest request) {
    // Ids are UUIDv7: oldest first is id ascending (the defaults made with the tenant lead), and the
    // last id is a stable keyset cursor, served by the primary key (tenant_id, id).
    Condition after = request.cursor().map(c -> ROLE.ID.gt(UUID.fromString(c))).orElse(DSL.noCondition());
    List<RoleRecord> rows = database.run(dsl -> dsl.selectFrom(ROLE)
        .where(live(tenantId), after)
        .orderBy(ROLE.ID.asc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<Role> items = rows.stream().limit(request.size()).map(JooqRoleRepository::toRole).toList();
    return new Page<>(items, more ? Optional.of(items.getLast().id().toString()) : Optional.empty());
  }

  /**
   * Soft deletion.
   *
   * @throws FailedPreconditionException if live users still hold the role: the database refuses,
   *     also when a user was given the role concurrently
   */
  @Override
  public boolean delete(TenantId tenantId, RoleId id, Instant when) {
    try {
      return database.run(dsl -> dsl.update(ROLE)
          .set(ROLE.DELETE_TIME, Rows.time(when))
          .where(live(tenantId), ROLE.ID.eq(id.value()))
          .execute()) == 1;
    } catch (RuntimeException e) {
      if (PostgresErrors.violatedConstraint(e, "23001").filter(DELETED_WITHOUT_USERS::equals).isPresent()) {
        throw new FailedPreconditionException("roles/" + id + " is still assigned to users");
      }
      throw e;
    }
  }

  private static Condition live(TenantId tenantId) {
    return ROLE.TENANT_ID.eq(tenantId.value()).and(ROLE.DELETE_TIME.isNull());
  }

  private static Role toRole(RoleRecord r) {
    return new Role(new TenantId(r.getTenantId()), new RoleId(r.getId()), DisplayName.stored(r.getDisplayName()),
        GrantsColumn.read(r.getGrants()), r.getApiAccess(), Rows.instant(r.getCreateTime()),
        Rows.instant(r.getUpdateTime()), r.getVersion());
  }
}
