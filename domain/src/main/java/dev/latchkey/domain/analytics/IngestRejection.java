package dev.latchkey.domain.analytics;

import java.util.Objects;

/** An item of an ingestion call that was not recorded: its position in the call, and why. */
public record IngestRejection(int index, String reason) {
  public IngestRejection {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative");
    }
    Objects.requireNonNull(reason, "reason");
  }
}
