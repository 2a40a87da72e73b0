package dev.latchkey.domain.permission;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The actions allowed on one data model. A grant with no action is not a grant. */
public record Grant(DataModel dataModel, Set<Action> actions) {
  public Grant {
    Objects.requireNonNull(dataModel, "dataModel");
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("a grant needs at least one action");
    }
    // An EnumSet keeps the canonical order; Set.copyOf would iterate in an order that changes per JVM run.
    actions = java.util.Collections.unmodifiableSet(EnumSet.copyOf(actions));
  }

  public static Grant of(DataModel dataModel, Action... actions) {
    return new Grant(dataModel, Set.of(actions));
  }

  public boolean allows(Action action) {
    return actions.contains(action);
  }

  /** The actions in their canonical order (read, create, update, delete). */
  public java.util.List<Action> orderedActions() {
    return EnumSet.copyOf(actions).stream().toList();
  }
}
