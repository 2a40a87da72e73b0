package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateRoleCommand;
import dev.latchkey.application.port.in.CreateRoleUseCase;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/** Creates a role, under the no-escalation rule. */
public final class CreateRoleService extends InTenantService<CreateRoleCommand, Role>
    implements CreateRoleUseCase {
  private final Transactions transactions;
  private final RoleRepository roles;
  private final UserRepository users;
  private final ChangeRecorder changes;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public CreateRoleService(
      Transactions transactions, RoleRepository roles, UserRepository users, ChangeRecorder changes,
      IdGenerator ids, InstantSource clock) {
    this.transactions = transactions;
    this.roles = roles;
    this.users = users;
    this.changes = changes;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  protected Role handle(Principal.TenantPrincipal caller, CreateRoleCommand command) {
    Authorization.requireHolds(caller, command.grants());
    return transactions.inTransaction(() -> {
      if (command.apiAccess()) {
        ApiAccess.requireCallerHasIt(caller, users, roles);
      }
      Instant now = clock.instant();
      Role role = new Role(caller.tenantId(), new RoleId(ids.newId()), command.displayName(), command.grants(),
          command.apiAccess(), now, now, 1);
      roles.insert(role);
      changes.record(caller, role.tenantId(), now, new ChangeEvent.RoleCreated(role));
      return role;
    });
  }
}
