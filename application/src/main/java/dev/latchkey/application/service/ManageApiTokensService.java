package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ManageApiTokensUseCase;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.application.security.TokenOwnerRules;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/** Reads and deletes tokens, under the rules of {@link TokenOwnerRules}. */
public final class ManageApiTokensService implements ManageApiTokensUseCase {
  private final Transactions transactions;
  private final ApiTokenRepository tokens;
  private final TokenOwners owners;
  private final ChangeRecorder changes;
  private final InstantSource clock;

  @Inject
  public ManageApiTokensService(
      Transactions transactions, ApiTokenRepository tokens, TokenOwners owners, ChangeRecorder changes,
      InstantSource clock) {
    this.transactions = transactions;
    this.tokens = tokens;
    this.owners = owners;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  public ApiToken getApiToken(Principal caller, Actor owner, ApiTokenId id) {
    Principal.TenantPrincipal principal = allowed(caller, Operation.GET_API_TOKEN, owner, Action.READ);
    owners.load(principal.tenantId(), owner);
    return tokens.findById(principal.tenantId(), owner, id).orElseThrow(() -> notFound(owner, id));
  }

  @Override
  public Page<ApiToken> listApiTokens(Principal caller, Actor owner, int pageSize, String pageToken) {
    Principal.TenantPrincipal principal = allowed(caller, Operation.LIST_API_TOKENS, owner, Action.READ);
    String scope = owner.resourceName() + "/tokens";
    var request = Paging.uuidCursorRequest(scope, pageSize, pageToken);
    owners.load(principal.tenantId(), owner);
    return Paging.withPageToken(scope, tokens.listByOwner(principal.tenantId(), owner, request));
  }

  @Override
  public void deleteApiToken(Principal caller, Actor owner, ApiTokenId id) {
    Principal.TenantPrincipal principal = allowed(caller, Operation.DELETE_API_TOKEN, owner, Action.DELETE);
    transactions.inTransaction(() -> {
      TokenOwners.Owner loaded = owners.load(principal.tenantId(), owner);
      if (loaded instanceof TokenOwners.UserOwner user && user.user().accountHolder()
          && !principal.actor().equals(owner)) {
        throw new PermissionDeniedException("only the account holder can delete the account holder's tokens");
      }
      Instant now = clock.instant();
      if (!tokens.delete(principal.tenantId(), owner, id, now)) {
        throw notFound(owner, id);
      }
      changes.record(caller, principal.tenantId(), now, new ChangeEvent.ApiTokenDeleted(owner, id));
      return null;
    });
  }

  private static Principal.TenantPrincipal allowed(Principal caller, Operation operation, Actor owner, Action action) {
    Authorization.require(caller, operation);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    TokenOwnerRules.require(principal, owner, action);
    return principal;
  }

  private static NotFoundException notFound(Actor owner, ApiTokenId id) {
    return new NotFoundException(owner.resourceName() + "/tokens/" + id + " not found");
  }
}
