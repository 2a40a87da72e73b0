package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.token.ApiTokenId;
import java.util.Objects;

/** Deletes one token of {@code owner}. */
public record DeleteApiTokenCommand(Actor owner, ApiTokenId id) implements Request {
  public DeleteApiTokenCommand {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.DELETE_API_TOKEN;
  }
}
