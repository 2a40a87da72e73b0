package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import java.util.Objects;

/** A page of the tenant's roles, oldest first. */
public record ListRolesQuery(PageQuery page) implements Request {
  public ListRolesQuery {
    Objects.requireNonNull(page, "page");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_ROLES;
  }
}
