package dev.latchkey.application.service;

import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.user.User;

/**
 * API access is a permission like the grants: only a caller who has it may hand it out, through a
 * role or by assigning such a role.
 */
final class ApiAccess {
  private ApiAccess() {}

  static void requireCallerHasIt(Principal.TenantPrincipal caller, UserRepository users, RoleRepository roles) {
    boolean has = switch (caller.actor()) {
      // A private app acts only through tokens: it has API access by nature.
      case Actor.PrivateAppRef app -> true;
      case Actor.UserRef(var id) -> users.findById(caller.tenantId(), id)
          .map(user -> user.accountHolder() || roleHasApiAccess(user, roles))
          .orElse(false);
      case Actor.Operator o -> false;
      case Actor.TenantIngest i -> false;
    };
    if (!has) {
      throw new PermissionDeniedException("you cannot give API access without having it yourself");
    }
  }

  private static boolean roleHasApiAccess(User user, RoleRepository roles) {
    return roles.findById(user.tenantId(), user.roleId()).map(Role::apiAccess).orElse(false);
  }
}
