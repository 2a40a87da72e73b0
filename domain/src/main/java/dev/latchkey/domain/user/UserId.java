package dev.latchkey.domain.user;

import dev.latchkey.domain.common.Uuids;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a team member within a tenant. Server-generated; printed as canonical lowercase UUID text. */
public record UserId(UUID value) {
  public UserId {
    Objects.requireNonNull(value, "value");
  }

  /** The id in {@code text}, if it is one the server could have handed out. */
  public static Optional<UserId> parse(String text) {
    return Uuids.parse(text).map(UserId::new);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
