package dev.latchkey.application.port.in;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.role.RoleId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The commands of the role use cases. */
public final class RoleCommands {
  private RoleCommands() {}

  /** A new role. */
  public record Create(DisplayName displayName, PermissionSet grants, boolean apiAccess) {
    public Create {
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(grants, "grants");
    }
  }

  /** Changes to a role: each present field is set; the version, when present, must be current. */
  public record Update(
      RoleId id,
      Optional<DisplayName> displayName,
      Optional<PermissionSet> grants,
      Optional<Boolean> apiAccess,
      OptionalLong expectedVersion) {
    public Update {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(grants, "grants");
      Objects.requireNonNull(apiAccess, "apiAccess");
      Objects.requireNonNull(expectedVersion, "expectedVersion");
    }
  }
}
