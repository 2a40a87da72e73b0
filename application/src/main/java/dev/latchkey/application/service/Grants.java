package dev.latchkey.application.service;

import dev.latchkey.domain.permission.PermissionSet;
import java.util.Locale;
import java.util.stream.Collectors;

/** Permission sets as audit details show them: {@code companies:read,update; tickets:read}. */
final class Grants {
  private Grants() {}

  static String describe(PermissionSet grants) {
    return grants.grants().stream()
        .map(g -> g.dataModel().apiName() + ":" + g.orderedActions().stream()
            .map(a -> a.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(",")))
        .collect(Collectors.joining("; "));
  }
}
