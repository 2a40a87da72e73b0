package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import java.util.Objects;

/** A page of tenants, newest first (operator only). */
public record ListTenantsQuery(PageQuery page) implements Request {
  public ListTenantsQuery {
    Objects.requireNonNull(page, "page");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_TENANTS;
  }
}
