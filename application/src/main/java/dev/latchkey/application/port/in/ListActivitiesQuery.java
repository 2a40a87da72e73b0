package dev.latchkey.application.port.in;

import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.application.security.Operation;
import java.util.Objects;

/** A page of the caller's tenant's user activities, newest first. */
public record ListActivitiesQuery(AnalyticsStore.ActivityFilter filter, PageQuery page) implements Request {
  public ListActivitiesQuery {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(page, "page");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_ACTIVITIES;
  }
}
