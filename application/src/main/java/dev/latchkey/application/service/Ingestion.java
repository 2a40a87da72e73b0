package dev.latchkey.application.service;

import dev.latchkey.application.port.in.IngestItem;
import dev.latchkey.domain.analytics.IngestOutcome;
import dev.latchkey.domain.analytics.IngestRejection;
import dev.latchkey.domain.analytics.IngestWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The ingest window applied to the well-formed items of a call, shared by both ingestion calls. */
final class Ingestion<T> {
  final List<T> accepted = new ArrayList<>();
  private final List<IngestRejection> rejected;

  Ingestion(List<IngestItem<T>> items, List<IngestRejection> malformed, Function<T, Instant> time, Instant now) {
    this.rejected = new ArrayList<>(malformed);
    for (IngestItem<T> item : items) {
      IngestWindow.problem(time.apply(item.item()), now).ifPresentOrElse(
          reason -> rejected.add(new IngestRejection(item.index(), reason)),
          () -> accepted.add(item.item()));
    }
  }

  IngestOutcome outcome() {
    rejected.sort(Comparator.comparingInt(IngestRejection::index));
    return new IngestOutcome(accepted.size(), rejected);
  }
}
