package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateUserCommand;
import dev.latchkey.application.port.in.CreateUserUseCase;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/** Adds a team member with a role the caller could give. */
public final class CreateUserService extends InTenantService<CreateUserCommand, User>
    implements CreateUserUseCase {
  private final Transactions transactions;
  private final UserRepository users;
  private final RoleRepository roles;
  private final ChangeRecorder changes;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public CreateUserService(
      Transactions transactions, UserRepository users, RoleRepository roles, ChangeRecorder changes,
      IdGenerator ids, InstantSource clock) {
    this.transactions = transactions;
    this.users = users;
    this.roles = roles;
    this.changes = changes;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  protected User handle(Principal.TenantPrincipal caller, CreateUserCommand command) {
    return transactions.inTransaction(() -> {
      Role role = Users.assignable(caller, command.role(), users, roles);
      Instant now = clock.instant();
      User user = User.member(caller.tenantId(), new UserId(ids.newId()), command.email(), command.displayName(),
          role.id(), now);
      users.insert(user);
      changes.record(caller, user.tenantId(), now, new ChangeEvent.UserCreated(user));
      return user;
    });
  }
}
