package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateAppState;
import java.util.Objects;

/** Enables or disables a private app. */
public record ChangePrivateAppStateCommand(PrivateAppId id, PrivateAppState state) implements Request {
  public ChangePrivateAppStateCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
  }

  @Override
  public Operation operation() {
    return state == PrivateAppState.ENABLED ? Operation.ENABLE_PRIVATE_APP : Operation.DISABLE_PRIVATE_APP;
  }
}
