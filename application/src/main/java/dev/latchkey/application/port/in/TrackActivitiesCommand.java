package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.analytics.IngestOutcome;
import dev.latchkey.domain.analytics.IngestRejection;
import java.util.List;

/**
 * Record user activities: the well-formed items of the call, and those already refused for their
 * form (the use case adds the refusals that depend on the time).
 */
public record TrackActivitiesCommand(List<IngestItem<Activity>> items, List<IngestRejection> malformed)
    implements Request {
  public TrackActivitiesCommand {
    items = List.copyOf(items);
    malformed = List.copyOf(malformed);
    int count = items.size() + malformed.size();
    if (count < 1 || count > IngestOutcome.MAX_ITEMS) {
      throw new IllegalArgumentException("1 to " + IngestOutcome.MAX_ITEMS + " items, not " + count);
    }
  }

  @Override
  public Operation operation() {
    return Operation.TRACK_ACTIVITIES;
  }
}
