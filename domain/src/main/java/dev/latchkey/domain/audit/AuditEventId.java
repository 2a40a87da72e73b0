package dev.latchkey.domain.audit;

import dev.latchkey.domain.common.Uuids;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies an audit event. Server-generated; printed as canonical lowercase UUID text. */
public record AuditEventId(UUID value) {
  public AuditEventId {
    Objects.requireNonNull(value, "value");
  }

  /** The id in {@code text}, if it is one the server could have handed out. */
  public static Optional<AuditEventId> parse(String text) {
    return Uuids.parse(text).map(AuditEventId::new);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
