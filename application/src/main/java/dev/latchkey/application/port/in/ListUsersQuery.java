package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.user.UserState;
import java.util.Objects;
import java.util.Optional;

/** A page of the tenant's users, oldest first, optionally with one role or in one state. */
public record ListUsersQuery(PageQuery page, Optional<RoleId> role, Optional<UserState> state) implements Request {
  public ListUsersQuery {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(state, "state");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_USERS;
  }
}
