package dev.latchkey.adapter.postgres;

import static dev.latchkey.adapter.postgres.schema.Tables.APP_USER;

import dev.latchkey.adapter.postgres.schema.tables.records.AppUserRecord;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import jakarta.inject.Inject;
import java.util.Optional;

/** Team members in PostgreSQL ({@code app_user}: {@code user} is a reserved word). */
public final class JooqUserRepository implements UserRepository {
  private final Database database;

  @Inject
  public JooqUserRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(User user) {
    try {
      database.run(dsl -> dsl.insertInto(APP_USER)
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
          .execute());
    } catch (RuntimeException e) {
      if (PostgresErrors.violatedUniqueConstraint(e).filter("app_user_email_key"::equals).isPresent()) {
        throw new AlreadyExistsException("a user with this email exists already");
      }
      throw e;
    }
  }

  @Override
  public Optional<User> findById(TenantId tenantId, UserId id) {
    return database.run(dsl -> dsl.selectFrom(APP_USER)
            .where(APP_USER.TENANT_ID.eq(tenantId.value()), APP_USER.ID.eq(id.value()))
            .fetchOptional())
        .map(JooqUserRepository::toUser);
  }

  private static User toUser(AppUserRecord r) {
    return new User(new TenantId(r.getTenantId()), new UserId(r.getId()), new EmailAddress(r.getEmail()),
        new DisplayName(r.getDisplayName()), new RoleId(r.getRoleId()), r.getAccountHolder(),
        UserState.valueOf(r.getState()), Rows.instant(r.getCreateTime()), Rows.instant(r.getUpdateTime()),
        r.getVersion());
  }
}
