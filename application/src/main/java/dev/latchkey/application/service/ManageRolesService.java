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
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creates, reads, updates and deletes roles, under the no-escalation rule. */
public final class ManageRolesService implements ManageRolesUseCase {
  private final Transactions transactions;
  private final RoleRepository roles;
  private final UserRepository users;
  private final AuditTrail audit;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public ManageRolesService(
      Transactions transactions, RoleRepository roles, UserRepository users, AuditTrail audit, IdGenerator ids,
      InstantSource clock) {
    this.transactions = transactions;
    this.roles = roles;
    this.users = users;
    this.audit = audit;
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
      audit.record(caller, role.tenantId(), now, AuditAction.ROLE_CREATED, role.resourceName(), Map.of(
          "display_name", role.displayName().value(),
          "grants", Grants.describe(role.grants()),
          "api_access", Boolean.toString(role.apiAccess())));
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
    return transactions.inTransaction(() -> {
      Role current = load(principal.tenantId(), command.id());
      if (command.expectedVersion().isPresent() && command.expectedVersion().getAsLong() != current.version()) {
        throw stale(current);
      }
      Instant now = clock.instant();
      Map<String, String> changes = new LinkedHashMap<>();
      Role updated = current;
      if (command.displayName().isPresent() && !command.displayName().get().equals(current.displayName())) {
        updated = updated.withDisplayName(command.displayName().get(), now);
        changes.put("display_name", updated.displayName().value());
      }
      if (command.grants().isPresent() && !command.grants().get().equals(current.grants())) {
        updated = updated.withGrants(command.grants().get(), now);
        changes.put("grants", Grants.describe(updated.grants()));
      }
      if (command.apiAccess().isPresent() && command.apiAccess().get() != current.apiAccess()) {
        if (command.apiAccess().get()) {
          // Switching API access on lets the role's members mint tokens carrying its grants.
          ApiAccess.requireCallerHasIt(principal, users, roles);
          Authorization.requireHolds(principal, updated.grants());
        }
        updated = updated.withApiAccess(command.apiAccess().get(), now);
        changes.put("api_access", Boolean.toString(updated.apiAccess()));
      }
      if (changes.isEmpty()) {
        return current;
      }
      updated = new Role(updated.tenantId(), updated.id(), updated.displayName(), updated.grants(),
          updated.apiAccess(), updated.createTime(), now, current.version() + 1);
      if (!roles.update(updated)) {
        throw stale(current);
      }
      audit.record(caller, updated.tenantId(), now, AuditAction.ROLE_UPDATED, updated.resourceName(), changes);
      return updated;
    });
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
      audit.record(caller, tenant, now, AuditAction.ROLE_DELETED, role.resourceName(),
          Map.of("display_name", role.displayName().value()));
      return null;
    });
  }

  private Role load(TenantId tenant, RoleId id) {
    return roles.findById(tenant, id).orElseThrow(() -> notFound(id));
  }

  static NotFoundException notFound(RoleId id) {
    return new NotFoundException("roles/" + id + " not found");
  }

  private static ConflictException stale(Role role) {
    return new ConflictException(role.resourceName() + " was changed by someone else; read it again and retry");
  }
}
