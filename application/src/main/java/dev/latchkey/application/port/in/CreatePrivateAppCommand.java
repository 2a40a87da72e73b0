package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import java.util.Objects;
import java.util.Optional;

/**
 * A new private app: its grants are either {@code grants} or copied from {@code copyFrom}, never
 * both.
 */
public record CreatePrivateAppCommand(
    DisplayName displayName, Description description, PermissionSet grants, Optional<PermissionSource> copyFrom) implements Request {
  public CreatePrivateAppCommand {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(copyFrom, "copyFrom");
    if (copyFrom.isPresent() && !grants.isEmpty()) {
      throw new IllegalArgumentException("grants are either explicit or copied");
    }
  }

  @Override
  public Operation operation() {
    return Operation.CREATE_PRIVATE_APP;
  }
}
