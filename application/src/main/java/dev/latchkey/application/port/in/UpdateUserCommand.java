package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Changes to a user: each present field is set; the version, when present, must be current. */
public record UpdateUserCommand(
    UserId id,
    Optional<DisplayName> displayName,
    Optional<RoleId> role,
    OptionalLong expectedVersion) implements Request {
  public UpdateUserCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
  }

  @Override
  public Operation operation() {
    return Operation.UPDATE_USER;
  }
}
