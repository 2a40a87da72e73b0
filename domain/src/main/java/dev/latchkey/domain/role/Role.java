package dev.latchkey.domain.role;

import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.change.Versioned;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A named permission set for team members, plus whether its holders may create personal access
 * tokens ({@code apiAccess}, PlanRadar's "API access" permission).
 */
public record Role(
    TenantId tenantId,
    RoleId id,
    DisplayName displayName,
    PermissionSet grants,
    boolean apiAccess,
    Instant createTime,
    Instant updateTime,
    long version) implements Versioned {

  public Role {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(updateTime, "updateTime");
  }

  @Override
  public String resourceName() {
    return "roles/" + id;
  }

  public Role withDisplayName(DisplayName name, Instant now) {
    return new Role(tenantId, id, name, grants, apiAccess, createTime, now, version + 1);
  }

  public Role withGrants(PermissionSet newGrants, Instant now) {
    return new Role(tenantId, id, displayName, newGrants, apiAccess, createTime, now, version + 1);
  }

  public Role withApiAccess(boolean access, Instant now) {
    return new Role(tenantId, id, displayName, grants, access, createTime, now, version + 1);
  }

  /** Changes to apply to a role: each present field is set; absent ones stay as they are. */
  public record Patch(Optional<DisplayName> displayName, Optional<PermissionSet> grants, Optional<Boolean> apiAccess) {
    public Patch {
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(grants, "grants");
      Objects.requireNonNull(apiAccess, "apiAccess");
    }
  }

  /**
   * Applies {@code patch}: the new value, one version step later, and the event naming only the
   * fields whose value changed; empty when nothing changes.
   */
  public Optional<Change<Role>> apply(Patch patch, Instant now) {
    Optional<DisplayName> newName = patch.displayName().filter(v -> !v.equals(displayName));
    Optional<PermissionSet> newGrants = patch.grants().filter(v -> !v.equals(grants));
    Optional<Boolean> newAccess = patch.apiAccess().filter(v -> v != apiAccess);
    if (newName.isEmpty() && newGrants.isEmpty() && newAccess.isEmpty()) {
      return Optional.empty();
    }
    Role updated = new Role(tenantId, id, newName.orElse(displayName), newGrants.orElse(grants),
        newAccess.orElse(apiAccess), createTime, now, version + 1);
    return Optional.of(new Change<>(updated, new ChangeEvent.RoleUpdated(id, newName, newGrants, newAccess)));
  }
}
