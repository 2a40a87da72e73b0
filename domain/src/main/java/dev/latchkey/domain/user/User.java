package dev.latchkey.domain.user;

import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.change.Versioned;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
    long version) implements Versioned {

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

  /** A new member (not the account holder), active. */
  public static User member(
      TenantId tenantId, UserId id, EmailAddress email, DisplayName displayName, RoleId roleId, Instant now) {
    return new User(tenantId, id, email, displayName, roleId, false, UserState.ACTIVE, now, now, 1);
  }

  public User withDisplayName(DisplayName name, Instant now) {
    return next(name, roleId, accountHolder, state, now);
  }

  public User withRole(RoleId role, Instant now) {
    return next(displayName, role, accountHolder, state, now);
  }

  public User withState(UserState newState, Instant now) {
    return next(displayName, roleId, accountHolder, newState, now);
  }

  public User withAccountHolder(boolean holder, Instant now) {
    return next(displayName, roleId, holder, state, now);
  }

  @Override
  public String resourceName() {
    return ref().resourceName();
  }

  /** Changes to apply to a user: each present field is set; absent ones stay as they are. */
  public record Patch(Optional<DisplayName> displayName, Optional<RoleId> role) {
    public Patch {
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(role, "role");
    }
  }

  /**
   * Applies {@code patch}: the new value, one version step later, and the event naming only the
   * fields whose value changed; empty when nothing changes.
   */
  public Optional<Change<User>> apply(Patch patch, Instant now) {
    Optional<DisplayName> newName = patch.displayName().filter(v -> !v.equals(displayName));
    Optional<RoleId> newRole = patch.role().filter(v -> !v.equals(roleId));
    if (newName.isEmpty() && newRole.isEmpty()) {
      return Optional.empty();
    }
    User updated = next(newName.orElse(displayName), newRole.orElse(roleId), accountHolder, state, now);
    return Optional.of(new Change<>(updated, new ChangeEvent.UserUpdated(id, newName, newRole)));
  }

  /** Deactivates or reactivates the user; empty when it is in that state already. */
  public Optional<Change<User>> changeState(UserState newState, Instant now) {
    if (newState == state) {
      return Optional.empty();
    }
    return Optional.of(switch (newState) {
      case ACTIVE -> new Change<>(withState(newState, now), new ChangeEvent.UserReactivated(id));
      case DEACTIVATED -> new Change<>(withState(newState, now), new ChangeEvent.UserDeactivated(id));
    });
  }

  private User next(DisplayName name, RoleId role, boolean holder, UserState newState, Instant now) {
    return new User(tenantId, id, email, name, role, holder, newState, createTime, now, version + 1);
  }
}
