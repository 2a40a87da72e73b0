package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.PrivateAppId;
import java.util.Objects;

/** Deletes a private app and its tokens. */
public record DeletePrivateAppCommand(PrivateAppId id) implements Request {
  public DeletePrivateAppCommand {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.DELETE_PRIVATE_APP;
  }
}
