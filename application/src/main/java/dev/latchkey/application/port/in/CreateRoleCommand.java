package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import java.util.Objects;

/** A new role. */
public record CreateRoleCommand(DisplayName displayName, PermissionSet grants, boolean apiAccess) implements Request {
  public CreateRoleCommand {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(grants, "grants");
  }

  @Override
  public Operation operation() {
    return Operation.CREATE_ROLE;
  }
}
