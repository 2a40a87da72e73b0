package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.user.UserId;
import java.util.Objects;

/** Deletes a user and its tokens. */
public record DeleteUserCommand(UserId id) implements Request {
  public DeleteUserCommand {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.DELETE_USER;
  }
}
