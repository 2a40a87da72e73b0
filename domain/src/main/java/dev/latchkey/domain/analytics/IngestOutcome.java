package dev.latchkey.domain.analytics;

import java.util.List;

/** What an ingestion call recorded: how many items, and which were refused and why. */
public record IngestOutcome(int acceptedCount, List<IngestRejection> rejected) {
  /** The most items one call may carry. */
  public static final int MAX_ITEMS = 5_000;

  public IngestOutcome {
    if (acceptedCount < 0) {
      throw new IllegalArgumentException("acceptedCount must not be negative");
    }
    rejected = List.copyOf(rejected);
  }
}
