package dev.latchkey.domain.role;

import dev.latchkey.domain.common.Uuids;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a role within a tenant. Server-generated; printed as canonical lowercase UUID text. */
public record RoleId(UUID value) {
  public RoleId {
    Objects.requireNonNull(value, "value");
  }

  /** The id in {@code text}, if it is one the server could have handed out. */
  public static Optional<RoleId> parse(String text) {
    return Uuids.parse(text).map(RoleId::new);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
