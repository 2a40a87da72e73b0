package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.role.RoleId;
import java.util.Objects;

/** A new team member. */
public record CreateUserCommand(EmailAddress email, DisplayName displayName, RoleId role) implements Request {
  public CreateUserCommand {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(role, "role");
  }

  @Override
  public Operation operation() {
    return Operation.CREATE_USER;
  }
}
