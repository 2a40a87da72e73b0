package dev.latchkey.application.port.in;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The commands of the user use cases. */
public final class UserCommands {
  private UserCommands() {}

  /** A new team member. */
  public record Create(EmailAddress email, DisplayName displayName, RoleId role) {
    public Create {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(role, "role");
    }
  }

  /** Changes to a user: each present field is set; the version, when present, must be current. */
  public record Update(UserId id, Optional<DisplayName> displayName, Optional<RoleId> role, OptionalLong expectedVersion) {
    public Update {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(expectedVersion, "expectedVersion");
    }
  }
}
