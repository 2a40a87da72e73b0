package dev.latchkey.application.service;

import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import jakarta.inject.Inject;

/** Loads the owner of tokens (a private app or a user) within the caller's tenant. */
public final class TokenOwners {
  /** What token rules need to know about an owner. */
  sealed interface Owner {
    /** The grants a token of this owner carries now. */
    PermissionSet grants();
  }

  record AppOwner(PrivateApp app) implements Owner {
    @Override
    public PermissionSet grants() {
      return app.grants();
    }
  }

  record UserOwner(User user, boolean apiAccess, PermissionSet grants) implements Owner {}

  private final PrivateAppRepository apps;
  private final UserRepository users;
  private final RoleRepository roles;

  @Inject
  public TokenOwners(PrivateAppRepository apps, UserRepository users, RoleRepository roles) {
    this.apps = apps;
    this.users = users;
    this.roles = roles;
  }

  /**
   * @throws NotFoundException if {@code owner} does not exist in {@code tenant}
   */
  Owner load(TenantId tenant, Actor owner) {
    return switch (owner) {
      case Actor.PrivateAppRef(var id) -> new AppOwner(PrivateApps.load(apps, tenant, id));
      case Actor.UserRef(var id) -> {
        User user = users.findById(tenant, id).orElseThrow(() -> new NotFoundException("users/" + id + " not found"));
        if (user.accountHolder()) {
          yield new UserOwner(user, true, PermissionSet.all());
        }
        Role role = roles.findById(tenant, user.roleId()).orElse(null);
        yield role == null
            ? new UserOwner(user, false, PermissionSet.none())
            : new UserOwner(user, role.apiAccess(), role.grants());
      }
      case Actor.Operator o -> throw new NotFoundException("operator tokens are not managed here");
      case Actor.TenantIngest i -> throw new NotFoundException("ingest tokens are not managed here");
    };
  }
}
