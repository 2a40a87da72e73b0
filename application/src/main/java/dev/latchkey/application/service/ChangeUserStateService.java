package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ChangeUserStateCommand;
import dev.latchkey.application.port.in.ChangeUserStateUseCase;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserState;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalLong;

/** Deactivates a user (their tokens stop at once) or reactivates them (they work again). */
public final class ChangeUserStateService extends InTenantService<ChangeUserStateCommand, User>
    implements ChangeUserStateUseCase {
  private final UserRepository users;
  private final RoleRepository roles;
  private final VersionedUpdate update;

  @Inject
  public ChangeUserStateService(UserRepository users, RoleRepository roles, VersionedUpdate update) {
    this.users = users;
    this.roles = roles;
    this.update = update;
  }

  @Override
  protected User handle(Principal.TenantPrincipal caller, ChangeUserStateCommand command) {
    UserState state = command.state();
    return update.run(caller, OptionalLong.empty(), VersionedUpdate.steps(
        () -> {
          User current = Users.load(users, caller.tenantId(), command.id());
          Users.requireMayTouch(caller, current, state == UserState.ACTIVE ? "reactivate" : "deactivate");
          return current;
        },
        (current, now) -> {
          if (current.state() == state) {
            return Optional.empty();
          }
          if (current.accountHolder()) {
            throw new FailedPreconditionException(
                "the account holder cannot be deactivated; transfer the title first");
          }
          if (state == UserState.ACTIVE) {
            // Reactivating brings the user's tokens back: that is giving the role's grants (and
            // its API access) again.
            Role role = Roles.load(roles, current.tenantId(), current.roleId());
            Authorization.requireHoldsGrantsOf(caller, role);
            if (role.apiAccess()) {
              ApiAccess.requireCallerHasIt(caller, users, roles);
            }
          }
          return current.changeState(state, now);
        },
        users::update));
  }
}
