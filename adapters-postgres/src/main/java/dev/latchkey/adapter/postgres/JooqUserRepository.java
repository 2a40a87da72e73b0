package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.APP_USER;

import dev.latchkey.adapter.postgres.schema.tables.records.AppUserRecord;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Team members in PostgreSQL ({@code app_user}: {@code user} is a reserved word). Deleted ones keep
 * their row (with a delete time) and are never returned; their email may be used again.
 */
public final class JooqUserRepository implements UserRepository {
  /** Unique among a tenant's live users, on the lowercased email (see V3). */
  static final String EMAIL_KEY = "app_user_email_key";
  /** At most one account holder among a tenant's live users (see V3). */
  static final String ACCOUNT_HOLDER_KEY = "app_user_account_holder_key";
  /** Raised by the database when a live user would hold a missing or deleted role (see V3). */
  static final String ROLE_IS_LIVE = "app_user_role_is_live";
  static final String ROLE_FOREIGN_KEY = "app_user_tenant_id_role_id_fkey";

  private final Database database;

  @Inject
  public JooqUserRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(User user) {
    translated(user, () -> database.run(dsl -> dsl.insertInto(APP_USER)
        .set(APP_USER.TENANT_ID, user.tenantId().value())
        .set(APP_USER.ID, user.id().value())
        .set(APP_USER.EMAIL, user.email().value())
        .set(APP_USER.EMAIL_NORMALIZED, user.email().normalized())
        .set(APP_USER.DISPLAY_NAME, user.displayName().value())
        .set(APP_USER.ROLE_ID, user.roleId().value())
        .set(APP_USER.ACCOUNT_HOLDER, user.accountHolder())
        .set(APP_USER.STATE, user.state().name())
        .set(APP_USER.CREATE_TIME, Rows.time(user.createTime()))
        .set(APP_USER.UPDATE_TIME, Rows.time(user.updateTime()))
        .set(APP_USER.VERSION, user.version())
        .execute()));
  }

  @Override
  public Optional<User> findById(TenantId tenantId, UserId id) {
    return database.run(dsl -> dsl.selectFrom(APP_USER)
            .where(live(tenantId), APP_USER.ID.eq(id.value()))
            .fetchOptional())
        .map(JooqUserRepository::toUser);
  }

  /**
   * Optimistic: only the version before {@code user}'s is overwritten, and only while the user lives.
   *
   * @throws AlreadyExistsException if the email is now another live user's
   * @throws FailedPreconditionException if another live user holds the account already (clear the
   *     former holder first)
   * @throws NotFoundException if the role does not exist or was deleted meanwhile
   */
  @Override
  public boolean update(User user) {
    return translated(user, () -> database.run(dsl -> dsl.update(APP_USER)
        .set(APP_USER.EMAIL, user.email().value())
        .set(APP_USER.EMAIL_NORMALIZED, user.email().normalized())
        .set(APP_USER.DISPLAY_NAME, user.displayName().value())
        .set(APP_USER.ROLE_ID, user.roleId().value())
        .set(APP_USER.ACCOUNT_HOLDER, user.accountHolder())
        .set(APP_USER.STATE, user.state().name())
        .set(APP_USER.UPDATE_TIME, Rows.time(user.updateTime()))
        .set(APP_USER.VERSION, user.version())
        .where(live(user.tenantId()), APP_USER.ID.eq(user.id().value()), APP_USER.VERSION.eq(user.version() - 1))
        .execute()) == 1);
  }

  @Override
  public Page<User> list(TenantId tenantId, PageRequest request, Optional<RoleId> role, Optional<UserState> state) {
    // Ids are UUIDv7: oldest first is id ascending, and the last id is a stable keyset cursor. Served
    // by the primary key, or by app_user_role_idx / app_user_state_idx when filtered.
    Condition after = request.cursor().map(c -> APP_USER.ID.gt(UUID.fromString(c))).orElse(DSL.noCondition());
    Condition withRole = role.map(r -> APP_USER.ROLE_ID.eq(r.value())).orElse(DSL.noCondition());
    Condition inState = state.map(s -> APP_USER.STATE.eq(s.name())).orElse(DSL.noCondition());
    List<AppUserRecord> rows = database.run(dsl -> dsl.selectFrom(APP_USER)
        .where(live(tenantId), withRole, inState, after)
        .orderBy(APP_USER.ID.asc())
        .limit(request.size() + 1)
        .fetch());
    boolean more = rows.size() > request.size();
    List<User> items = rows.stream().limit(request.size()).map(JooqUserRepository::toUser).toList();
    return new Page<>(items, more ? Optional.of(items.getLast().id().toString()) : Optional.empty());
  }

  @Override
  public int countWithRole(TenantId tenantId, RoleId role) {
    return database.run(dsl -> dsl.fetchCount(APP_USER, live(tenantId), APP_USER.ROLE_ID.eq(role.value())));
  }

  @Override
  public boolean delete(TenantId tenantId, UserId id, Instant when) {
    return database.run(dsl -> dsl.update(APP_USER)
        .set(APP_USER.DELETE_TIME, Rows.time(when))
        .where(live(tenantId), APP_USER.ID.eq(id.value()))
        .execute()) == 1;
  }

  private static Condition live(TenantId tenantId) {
    return APP_USER.TENANT_ID.eq(tenantId.value()).and(APP_USER.DELETE_TIME.isNull());
  }

  /** Runs a write of {@code user}, turning the database's refusals into the domain's errors. */
  private static <T> T translated(User user, Supplier<T> write) {
    try {
      return write.get();
    } catch (RuntimeException e) {
      Optional<String> unique = PostgresErrors.violatedUniqueConstraint(e);
      if (unique.filter(EMAIL_KEY::equals).isPresent()) {
        throw new AlreadyExistsException("a user with this email exists already");
      }
      if (unique.filter(ACCOUNT_HOLDER_KEY::equals).isPresent()) {
        throw new FailedPreconditionException("the tenant has an account holder already");
      }
      if (PostgresErrors.violatedConstraint(e, "23503")
          .filter(c -> c.equals(ROLE_IS_LIVE) || c.equals(ROLE_FOREIGN_KEY)).isPresent()) {
        throw new NotFoundException("roles/" + user.roleId() + " not found");
      }
      throw e;
    }
  }

  private static User toUser(AppUserRecord r) {
    return new User(new TenantId(r.getTenantId()), new UserId(r.getId()), new EmailAddress(r.getEmail()),
        DisplayName.stored(r.getDisplayName()), new RoleId(r.getRoleId()), r.getAccountHolder(),
        UserState.valueOf(r.getState()), Rows.instant(r.getCreateTime()), Rows.instant(r.getUpdateTime()),
        r.getVersion());
  }
}
