package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.user.UserId;
import java.util.Objects;

/** A user of the caller's tenant. */
public record GetUserQuery(UserId id) implements Request {
  public GetUserQuery {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.GET_USER;
  }
}
