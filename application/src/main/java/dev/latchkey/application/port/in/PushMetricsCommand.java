package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.analytics.IngestOutcome;
import dev.latchkey.domain.analytics.IngestRejection;
import dev.latchkey.domain.analytics.MetricPoint;
import java.util.List;

/**
 * Record custom metric values: the well-formed items of the call, and those already refused for
 * their form (the use case adds the refusals that depend on the time).
 */
public record PushMetricsCommand(List<IngestItem<MetricPoint>> items, List<IngestRejection> malformed)
    implements Request {
  public PushMetricsCommand {
    items = List.copyOf(items);
    malformed = List.copyOf(malformed);
    int count = items.size() + malformed.size();
    if (count < 1 || count > IngestOutcome.MAX_ITEMS) {
      throw new IllegalArgumentException("1 to " + IngestOutcome.MAX_ITEMS + " items, not " + count);
    }
  }

  @Override
  public Operation operation() {
    return Operation.PUSH_METRICS;
  }
}
