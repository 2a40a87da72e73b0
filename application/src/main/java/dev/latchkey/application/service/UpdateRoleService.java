package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdateRoleCommand;
import dev.latchkey.application.port.in.UpdateRoleUseCase;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import jakarta.inject.Inject;

/** Applies an update mask's changes to a role, guarded by its version, under the no-escalation rule. */
public final class UpdateRoleService extends InTenantService<UpdateRoleCommand, Role>
    implements UpdateRoleUseCase {
  private final RoleRepository roles;
  private final UserRepository users;
  private final VersionedUpdate update;

  @Inject
  public UpdateRoleService(RoleRepository roles, UserRepository users, VersionedUpdate update) {
    this.roles = roles;
    this.users = users;
    this.update = update;
  }

  @Override
  protected Role handle(Principal.TenantPrincipal caller, UpdateRoleCommand command) {
    command.grants().ifPresent(grants -> Authorization.requireHolds(caller, grants));
    var patch = new Role.Patch(command.displayName(), command.grants(), command.apiAccess());
    return update.run(caller, command.expectedVersion(), VersionedUpdate.steps(
        () -> Roles.load(roles, caller.tenantId(), command.id()),
        (current, now) -> {
          var change = current.apply(patch, now);
          change.ifPresent(c -> requireMayGiveApiAccess(caller, current, c.value()));
          return change;
        },
        roles::update));
  }

  /**
   * A role with API access lets its members mint tokens carrying its grants: switching access on,
   * or widening the grants of a role that has it, needs API access and every grant it will carry.
   */
  private void requireMayGiveApiAccess(Principal.TenantPrincipal caller, Role before, Role after) {
    boolean switchedOn = after.apiAccess() && !before.apiAccess();
    boolean widened = after.apiAccess() && !before.grants().includes(after.grants());
    if (switchedOn || widened) {
      ApiAccess.requireCallerHasIt(caller, users, roles);
      Authorization.requireHoldsGrantsOf(caller, after);
    }
  }
}
