package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ManageRolesUseCase;
import dev.latchkey.application.port.in.RoleCommands;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/** Creates, reads, updates and deletes roles, under the no-escalation rule. */
public final class ManageRolesService implements ManageRolesUseCase {
  private final Transactions transactions;
  private final RoleRepository roles;
  private final UserRepository users;
  private final ChangeRecorder changes;
  private final VersionedUpdate update;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public ManageRolesService(
      Transactions transactions, RoleRepository roles, UserRepository users, ChangeRecorder changes,
      VersionedUpdate update, IdGenerator ids, InstantSource clock) {
    this.transactions = transactions;
    this.roles = roles;
    this.users = users;
    this.changes = changes;
    this.update = update;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  public Role createRole(Principal caller, RoleCommands.Create command) {
    Authorization.require(caller, Operation.CREATE_ROLE);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    Authorization.requireHolds(principal, command.grants());
    return transactions.inTransaction(() -> {
      if (command.apiAccess()) {
        ApiAccess.requireCallerHasIt(principal, users, roles);
      }
      Instant now = clock.instant();
      Role role = new Role(principal.tenantId(), new RoleId(ids.newId()), command.displayName(), command.grants(),
          command.apiAccess(), now, now, 1);
      roles.insert(role);
      changes.record(caller, role.tenantId(), now, new ChangeEvent.RoleCreated(role));
      return role;
    });
  }

  @Override
  public Role getRole(Principal caller, RoleId id) {
    Authorization.require(caller, Operation.GET_ROLE);
    return load(Authorization.tenantPrincipal(caller).tenantId(), id);
  }

  @Override
  public Page<Role> listRoles(Principal caller, int pageSize, String pageToken) {
    Authorization.require(caller, Operation.LIST_ROLES);
    TenantId tenant = Authorization.tenantPrincipal(caller).tenantId();
    String scope = "roles";
    return Paging.withPageToken(scope, roles.list(tenant, Paging.uuidCursorRequest(scope, pageSize, pageToken)));
  }

  @Override
  public Role updateRole(Principal caller, RoleCommands.Update command) {
    Authorization.require(caller, Operation.UPDATE_ROLE);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    command.grants().ifPresent(grants -> Authorization.requireHolds(principal, grants));
    var patch = new Role.Patch(command.displayName(), command.grants(), command.apiAccess());
    return update.run(caller, command.expectedVersion(), VersionedUpdate.steps(
        () -> load(principal.tenantId(), command.id()),
        (current, now) -> {
          var change = current.apply(patch, now);
          change.ifPresent(c -> requireMayGiveApiAccess(principal, current, c.value()));
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
      Authorization.requireHolds(caller, after.grants());
    }
  }

  @Override
  public void deleteRole(Principal caller, RoleId id) {
    Authorization.require(caller, Operation.DELETE_ROLE);
    TenantId tenant = Authorization.tenantPrincipal(caller).tenantId();
    transactions.inTransaction(() -> {
      Role role = load(tenant, id);
      int holders = users.countWithRole(tenant, id);
      if (holders > 0) {
        throw new FailedPreconditionException(role.resourceName() + " is assigned to " + holders
            + " user(s); give them another role first");
      }
      Instant now = clock.instant();
      if (!roles.delete(tenant, id, now)) {
        throw notFound(id);
      }
      changes.record(caller, tenant, now, new ChangeEvent.RoleDeleted(role));
      return null;
    });
  }

  private Role load(TenantId tenant, RoleId id) {
    return roles.findById(tenant, id).orElseThrow(() -> notFound(id));
  }

  static NotFoundException notFound(RoleId id) {
    return new NotFoundException("roles/" + id + " not found");
  }
}
