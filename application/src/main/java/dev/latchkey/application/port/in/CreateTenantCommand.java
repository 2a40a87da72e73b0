package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import java.util.Objects;

/** A new tenant and its first user, the account holder. */
public record CreateTenantCommand(DisplayName displayName, EmailAddress ownerEmail, DisplayName ownerDisplayName)
    implements Request {
  public CreateTenantCommand {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(ownerEmail, "ownerEmail");
    Objects.requireNonNull(ownerDisplayName, "ownerDisplayName");
  }

  @Override
  public Operation operation() {
    return Operation.CREATE_TENANT;
  }
}
