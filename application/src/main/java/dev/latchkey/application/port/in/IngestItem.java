package dev.latchkey.application.port.in;

import java.util.Objects;

/** An item of an ingestion call that is well formed, with its position in the call. */
public record IngestItem<T>(int index, T item) {
  public IngestItem {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative");
    }
    Objects.requireNonNull(item, "item");
  }
}
