package dev.latchkey.adapter.postgres;

import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Permission sets as stored: a text array of {@code data_model:action} elements. */
final class GrantsColumn {
  private GrantsColumn() {}

  static String[] write(PermissionSet grants) {
    List<String> elements = new ArrayList<>();
    for (Grant grant : grants.grants()) {
      for (Action action : grant.orderedActions()) {
        elements.add(grant.dataModel().apiName() + ":" + action.name().toLowerCase(Locale.ROOT));
      }
    }
    return elements.toArray(String[]::new);
  }

  /** Reads stored grants; an element naming a data model that no longer exists is dropped. */
  static PermissionSet read(String[] elements) {
    Map<DataModel, Set<Action>> actions = new EnumMap<>(DataModel.class);
    for (String element : elements) {
      int colon = element.indexOf(':');
      var model = DataModel.byApiName(element.substring(0, colon));
      if (model.isEmpty()) {
        continue;
      }
      Action action = Action.valueOf(element.substring(colon + 1).toUpperCase(Locale.ROOT));
      actions.computeIfAbsent(model.get(), m -> EnumSet.noneOf(Action.class)).add(action);
    }
    return PermissionSet.of(actions.entrySet().stream().map(e -> new Grant(e.getKey(), e.getValue())).toList());
  }
}
