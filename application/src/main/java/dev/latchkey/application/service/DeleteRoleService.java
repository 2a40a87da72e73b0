package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeleteRoleCommand;
import dev.latchkey.application.port.in.DeleteRoleUseCase;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/** Deletes a role that nobody holds any more. */
public final class DeleteRoleService extends InTenantService<DeleteRoleCommand, Void>
    implements DeleteRoleUseCase {
  private final Transactions transactions;
  private final RoleRepository roles;
  private final UserRepository users;
  private final ChangeRecorder changes;
  private final InstantSource clock;

  @Inject
  public DeleteRoleService(
      Transactions transactions, RoleRepository roles, UserRepository users, ChangeRecorder changes,
      InstantSource clock) {
    this.transactions = transactions;
    this.roles = roles;
    this.users = users;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  protected Void handle(Principal.TenantPrincipal caller, DeleteRoleCommand command) {
    TenantId tenant = caller.tenantId();
    return transactions.inTransaction(() -> {
      Role role = Roles.load(roles, tenant, command.id());
      int holders = users.countWithRole(tenant, command.id());
      if (holders > 0) {
        throw new FailedPreconditionException(role.resourceName() + " is assigned to " + holders
            + " user(s); give them another role first");
      }
      Instant now = clock.instant();
      if (!roles.delete(tenant, command.id(), now)) {
        throw Roles.notFound(command.id());
      }
      changes.record(caller, tenant, now, new ChangeEvent.RoleDeleted(role));
      return null;
    });
  }
}
