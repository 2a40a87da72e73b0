package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.PrivateAppId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Changes to a private app: each present field is set; {@code expectedVersion}, when present, must
 * be the stored version (from the client's etag).
 */
public record UpdatePrivateAppCommand(
    PrivateAppId id,
    Optional<DisplayName> displayName,
    Optional<Description> description,
    Optional<PermissionSet> grants,
    OptionalLong expectedVersion) implements Request {
  public UpdatePrivateAppCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
  }

  @Override
  public Operation operation() {
    return Operation.UPDATE_PRIVATE_APP;
  }
}
