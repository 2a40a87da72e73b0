package dev.latchkey.application.service;

import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;

/** The rules every user use case shares: loading, who may touch the account holder, assignable roles. */
final class Users {
  private Users() {}

  /**
   * The live user {@code id} of {@code tenant}.
   *
   * @throws NotFoundException if there is none (absent, deleted, or of another tenant)
   */
  static User load(UserRepository users, TenantId tenant, UserId id) {
    return users.findById(tenant, id).orElseThrow(() -> notFound(id));
  }

  static NotFoundException notFound(UserId id) {
    return new NotFoundException("users/" + id + " not found");
  }

  /** Nobody but the account holder changes or removes the account holder. */
  static void requireMayTouch(Principal.TenantPrincipal caller, User target, String verb) {
    if (target.accountHolder() && !caller.actor().equals(target.ref())) {
      throw new PermissionDeniedException("only the account holder can " + verb + " the account holder");
    }
  }

  /**
   * The role, if it exists and the caller holds all its grants, and API access if the role carries
   * it (no escalation through roles).
   */
  static Role assignable(Principal.TenantPrincipal caller, RoleId id, UserRepository users, RoleRepository roles) {
    Role role = Roles.load(roles, caller.tenantId(), id);
    Authorization.requireHoldsGrantsOf(caller, role);
    if (role.apiAccess()) {
      ApiAccess.requireCallerHasIt(caller, users, roles);
    }
    return role;
  }
}
