package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeleteApiTokenCommand;
import dev.latchkey.application.port.in.DeleteApiTokenUseCase;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Deletes one token of an app or a user, under the rules of {@link
 * dev.latchkey.application.security.TokenOwnerRules}; the account holder's tokens by the account
 * holder alone.
 */
public final class DeleteApiTokenService extends InTenantService<DeleteApiTokenCommand, Void>
    implements DeleteApiTokenUseCase {
  private final Transactions transactions;
  private final ApiTokenRepository tokens;
  private final TokenOwners owners;
  private final ChangeRecorder changes;
  private final InstantSource clock;

  @Inject
  public DeleteApiTokenService(
      Transactions transactions, ApiTokenRepository tokens, TokenOwners owners, ChangeRecorder changes,
      InstantSource clock) {
    this.transactions = transactions;
    this.tokens = tokens;
    this.owners = owners;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  protected Void handle(Principal.TenantPrincipal caller, DeleteApiTokenCommand command) {
    Actor owner = command.owner();
    ApiTokens.requireOwnerRule(caller, owner, Action.DELETE);
    return transactions.inTransaction(() -> {
      TokenOwners.Owner loaded = owners.load(caller.tenantId(), owner);
      if (loaded instanceof TokenOwners.UserOwner user && user.user().accountHolder()
          && !caller.actor().equals(owner)) {
        throw new PermissionDeniedException("only the account holder can delete the account holder's tokens");
      }
      Instant now = clock.instant();
      if (!tokens.delete(caller.tenantId(), owner, command.id(), now)) {
        throw ApiTokens.notFound(owner, command.id());
      }
      changes.record(caller, caller.tenantId(), now, new ChangeEvent.ApiTokenDeleted(owner, command.id()));
      return null;
    });
  }
}
