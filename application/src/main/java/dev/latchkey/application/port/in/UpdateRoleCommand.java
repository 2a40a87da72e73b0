package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.role.RoleId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Changes to a role: each present field is set; the version, when present, must be current. */
public record UpdateRoleCommand(
    RoleId id,
    Optional<DisplayName> displayName,
    Optional<PermissionSet> grants,
    Optional<Boolean> apiAccess,
    OptionalLong expectedVersion) implements Request {
  public UpdateRoleCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(apiAccess, "apiAccess");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
  }

  @Override
  public Operation operation() {
    return Operation.UPDATE_ROLE;
  }
}
