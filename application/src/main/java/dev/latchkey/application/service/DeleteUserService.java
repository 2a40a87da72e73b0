package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeleteUserCommand;
import dev.latchkey.application.port.in.DeleteUserUseCase;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.user.User;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/** Deletes a user and, with them, their tokens for good. */
public final class DeleteUserService extends InTenantService<DeleteUserCommand, Void>
    implements DeleteUserUseCase {
  private final Transactions transactions;
  private final UserRepository users;
  private final ApiTokenRepository tokens;
  private final ChangeRecorder changes;
  private final InstantSource clock;

  @Inject
  public DeleteUserService(
      Transactions transactions, UserRepository users, ApiTokenRepository tokens, ChangeRecorder changes,
      InstantSource clock) {
    this.transactions = transactions;
    this.users = users;
    this.tokens = tokens;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  protected Void handle(Principal.TenantPrincipal caller, DeleteUserCommand command) {
    return transactions.inTransaction(() -> {
      User current = Users.load(users, caller.tenantId(), command.id());
      Users.requireMayTouch(caller, current, "delete");
      if (current.accountHolder()) {
        throw new FailedPreconditionException("the account holder cannot be deleted; transfer the title first");
      }
      Instant now = clock.instant();
      if (!users.delete(caller.tenantId(), command.id(), now)) {
        throw Users.notFound(command.id());
      }
      int revoked = tokens.deleteAllOf(caller.tenantId(), current.ref(), now);
      changes.record(caller, caller.tenantId(), now, new ChangeEvent.UserDeleted(current, revoked));
      return null;
    });
  }
}
