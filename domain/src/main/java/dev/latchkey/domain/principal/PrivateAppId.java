package dev.latchkey.domain.principal;

import dev.latchkey.domain.common.Uuids;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a private app (service account) within a tenant. Server-generated; printed as canonical lowercase UUID text. */
public record PrivateAppId(UUID value) {
  public PrivateAppId {
    Objects.requireNonNull(value, "value");
  }

  /** The id in {@code text}, if it is one the server could have handed out. */
  public static Optional<PrivateAppId> parse(String text) {
    return Uuids.parse(text).map(PrivateAppId::new);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
