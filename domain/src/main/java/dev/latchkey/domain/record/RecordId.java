package dev.latchkey.domain.record;

import dev.latchkey.domain.common.Uuids;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a record within a tenant. Server-generated; printed as canonical lowercase UUID text. */
public record RecordId(UUID value) {
  public RecordId {
    Objects.requireNonNull(value, "value");
  }

  /** The id in {@code text}, if it is one the server could have handed out. */
  public static Optional<RecordId> parse(String text) {
    return Uuids.parse(text).map(RecordId::new);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
