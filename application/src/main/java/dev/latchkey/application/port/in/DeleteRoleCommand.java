package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.role.RoleId;
import java.util.Objects;

/** Deletes a role nobody holds. */
public record DeleteRoleCommand(RoleId id) implements Request {
  public DeleteRoleCommand {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.DELETE_ROLE;
  }
}
