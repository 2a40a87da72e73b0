package dev.latchkey.domain.role;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

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
    long version) {

  public Role {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(updateTime, "updateTime");
  }

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
}
