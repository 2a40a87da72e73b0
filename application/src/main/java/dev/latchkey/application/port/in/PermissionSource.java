package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.role.RoleId;

/** Where a new private app copies its grants from. */
public sealed interface PermissionSource {
  record FromPrivateApp(PrivateAppId id) implements PermissionSource {}

  record FromRole(RoleId id) implements PermissionSource {}
}
