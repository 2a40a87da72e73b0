package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import java.util.Objects;

/** A new token for {@code owner} (a private app or a user). */
public record CreateApiTokenCommand(Actor owner, DisplayName displayName) implements Request {
  public CreateApiTokenCommand {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(displayName, "displayName");
  }

  @Override
  public Operation operation() {
    return Operation.CREATE_API_TOKEN;
  }
}
