package dev.latchkey.domain.permission;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a principal may do: at most one grant per data model. Immutable; {@link #grants()}
 * lists the grants in catalog order, so that equal sets print and store identically.
 */
public final class PermissionSet {
  private static final PermissionSet NONE = new PermissionSet(new EnumMap<>(DataModel.class));
  private static final PermissionSet ALL = allOf();

  private final Map<DataModel, Set<Action>> actions;

  private PermissionSet(EnumMap<DataModel, Set<Action>> actions) {
    this.actions = actions;
  }

  public static PermissionSet none() {
    return NONE;
  }

  /** Every action on every data model: what the account holder has. */
  public static PermissionSet all() {
    return ALL;
  }

  /**
   * The set of {@code grants}.
   *
   * @throws IllegalArgumentException if two grants name the same data model
   */
  public static PermissionSet of(Collection<Grant> grants) {
    EnumMap<DataModel, Set<Action>> map = new EnumMap<>(DataModel.class);
    for (Grant grant : grants) {
      if (map.putIfAbsent(grant.dataModel(), grant.actions()) != null) {
        throw new IllegalArgumentException("duplicate grant for " + grant.dataModel().apiName());
      }
    }
    return new PermissionSet(map);
  }

  public static PermissionSet of(Grant... grants) {
    return of(Arrays.asList(grants));
  }

  public boolean allows(DataModel model, Action action) {
    Set<Action> allowed = actions.get(model);
    return allowed != null && allowed.contains(action);
  }

  /** Whether every action of {@code other} is allowed here too: the no-escalation check. */
  public boolean includes(PermissionSet other) {
    for (Map.Entry<DataModel, Set<Action>> entry : other.actions.entrySet()) {
      Set<Action> mine = actions.get(entry.getKey());
      if (mine == null || !mine.containsAll(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The grants of {@code other} that this set does not cover, for error messages. */
  public List<Grant> missingFrom(PermissionSet other) {
    return other.grants().stream()
        .flatMap(g -> g.actions().stream().filter(a -> !allows(g.dataModel(), a)).map(a -> Grant.of(g.dataModel(), a)))
        .toList();
  }

  public List<Grant> grants() {
    return actions.entrySet().stream().map(e -> new Grant(e.getKey(), e.getValue())).toList();
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PermissionSet other && actions.equals(other.actions);
  }

  @Override
  public int hashCode() {
    return actions.hashCode();
  }

  @Override
  public String toString() {
    return "PermissionSet" + grants();
  }

  private static PermissionSet allOf() {
    EnumMap<DataModel, Set<Action>> map = new EnumMap<>(DataModel.class);
    for (DataModel model : DataModel.values()) {
      map.put(model, Set.copyOf(EnumSet.allOf(Action.class)));
    }
    return new PermissionSet(map);
  }
}
