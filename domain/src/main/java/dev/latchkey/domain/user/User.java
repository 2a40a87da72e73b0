package dev.latchkey.domain.user;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A team member of a tenant. The account holder is the one user that holds every permission and
 * API access whatever its role says.
 *
 * @param version incremented on every change; the etag clients send back is derived from it
 */
public record User(
    TenantId tenantId,
    UserId id,
    EmailAddress email,
    DisplayName displayName,
    RoleId roleId,
    boolean accountHolder,
    UserState state,
    Instant createTime,
    Instant updateTime,
    long version) {

  public User {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(roleId, "roleId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(updateTime, "updateTime");
  }

  /** The first user of a new tenant, who holds the account. */
  public static User accountHolder(
      TenantId tenantId, UserId id, EmailAddress email, DisplayName displayName, RoleId roleId, Instant now) {
    return new User(tenantId, id, email, displayName, roleId, true, UserState.ACTIVE, now, now, 1);
  }

  public Actor.UserRef ref() {
    return new Actor.UserRef(id);
  }

  public boolean isActive() {
    return state == UserState.ACTIVE;
  }
}
