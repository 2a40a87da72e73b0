package dev.latchkey.domain.tenant;

import dev.latchkey.domain.common.Uuids;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a tenant. Server-generated; printed as canonical lowercase UUID text. */
public record TenantId(UUID value) {
  public TenantId {
    Objects.requireNonNull(value, "value");
  }

  /** The id in {@code text}, if it is one the server could have handed out. */
  public static Optional<TenantId> parse(String text) {
    return Uuids.parse(text).map(TenantId::new);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
