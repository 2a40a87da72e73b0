package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.privateapp.PrivateAppState;
import java.util.Objects;
import java.util.Optional;

/** A page of the tenant's private apps, optionally only those in {@code state}. */
public record ListPrivateAppsQuery(PageQuery page, Optional<PrivateAppState> state) implements Request {
  public ListPrivateAppsQuery {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(state, "state");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_PRIVATE_APPS;
  }
}
