package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.token.ApiTokenId;
import java.util.Objects;

/** One token of {@code owner}. */
public record GetApiTokenQuery(Actor owner, ApiTokenId id) implements Request {
  public GetApiTokenQuery {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.GET_API_TOKEN;
  }
}
