package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdateUserCommand;
import dev.latchkey.application.port.in.UpdateUserUseCase;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.user.User;
import jakarta.inject.Inject;

/** Renames a user or gives them another role, guarded by their version. */
public final class UpdateUserService extends InTenantService<UpdateUserCommand, User>
    implements UpdateUserUseCase {
  private final UserRepository users;
  private final RoleRepository roles;
  private final VersionedUpdate update;

  @Inject
  public UpdateUserService(UserRepository users, RoleRepository roles, VersionedUpdate update) {
    this.users = users;
    this.roles = roles;
    this.update = update;
  }

  @Override
  protected User handle(Principal.TenantPrincipal caller, UpdateUserCommand command) {
    var patch = new User.Patch(command.displayName(), command.role());
    return update.run(caller, command.expectedVersion(), VersionedUpdate.steps(
        () -> {
          User current = Users.load(users, caller.tenantId(), command.id());
          Users.requireMayTouch(caller, current, "change");
          return current;
        },
        (current, now) -> {
          var change = current.apply(patch, now);
          change.ifPresent(c -> {
            if (!c.value().roleId().equals(current.roleId())) {
              Users.assignable(caller, c.value().roleId(), users, roles);
            }
          });
          return change;
        },
        users::update));
  }
}
