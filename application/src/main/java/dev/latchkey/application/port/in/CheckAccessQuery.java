package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import java.util.Objects;

/** Whether {@code token} may take {@code action} on {@code model}. */
public record CheckAccessQuery(String token, DataModel model, Action action) implements Request {
  public CheckAccessQuery {
    // No token at all is simply not an active one.
    token = Objects.requireNonNullElse(token, "");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(action, "action");
  }

  @Override
  public Operation operation() {
    return Operation.CHECK_ACCESS;
  }
}
