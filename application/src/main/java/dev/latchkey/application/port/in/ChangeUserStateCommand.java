package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import java.util.Objects;

/** Deactivates or reactivates a user. */
public record ChangeUserStateCommand(UserId id, UserState state) implements Request {
  public ChangeUserStateCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
  }

  @Override
  public Operation operation() {
    return state == UserState.ACTIVE ? Operation.REACTIVATE_USER : Operation.DEACTIVATE_USER;
  }
}
