package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.role.RoleId;
import java.util.Objects;

/** A role of the caller's tenant. */
public record GetRoleQuery(RoleId id) implements Request {
  public GetRoleQuery {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.GET_ROLE;
  }
}
