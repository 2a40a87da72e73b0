package dev.latchkey.application.service;

import dev.latchkey.application.port.in.TransferAccountHolderCommand;
import dev.latchkey.application.port.in.TransferAccountHolderUseCase;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.user.User;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** Moves the account-holder title from the caller to another active user. */
public final class TransferAccountHolderService extends InTenantService<TransferAccountHolderCommand, User>
    implements TransferAccountHolderUseCase {
  private final Transactions transactions;
  private final UserRepository users;
  private final ChangeRecorder changes;
  private final InstantSource clock;

  @Inject
  public TransferAccountHolderService(
      Transactions transactions, UserRepository users, ChangeRecorder changes, InstantSource clock) {
    this.transactions = transactions;
    this.users = users;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  protected User handle(Principal.TenantPrincipal caller, TransferAccountHolderCommand command) {
    return transactions.inTransaction(() -> {
      User holder = callerAsAccountHolder(caller)
          .orElseThrow(() -> new PermissionDeniedException("only the account holder can transfer the title"));
      User next = Users.load(users, caller.tenantId(), command.to());
      if (next.id().equals(holder.id())) {
        throw new FailedPreconditionException("you hold the title already");
      }
      if (!next.isActive()) {
        throw new FailedPreconditionException(next.resourceName() + " is deactivated; reactivate them first");
      }
      Instant now = clock.instant();
      // Clear first: at most one account holder per tenant at any moment.
      User former = holder.withAccountHolder(false, now);
      if (!users.update(former)) {
        throw VersionedUpdate.stale(holder);
      }
      User promoted = next.withAccountHolder(true, now);
      if (!users.update(promoted)) {
        throw VersionedUpdate.stale(next);
      }
      changes.record(caller, caller.tenantId(), now,
          new ChangeEvent.AccountHolderTransferred(holder.ref(), promoted.ref()));
      return promoted;
    });
  }

  private Optional<User> callerAsAccountHolder(Principal.TenantPrincipal caller) {
    if (!(caller.actor() instanceof Actor.UserRef(var id))) {
      return Optional.empty();
    }
    return users.findById(caller.tenantId(), id).filter(User::accountHolder);
  }
}
