package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Actor;
import java.util.Objects;

/** A page of {@code owner}'s tokens. */
public record ListApiTokensQuery(Actor owner, PageQuery page) implements Request {
  public ListApiTokensQuery {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(page, "page");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_API_TOKENS;
  }
}
