package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateApiTokenCommand;
import dev.latchkey.application.port.in.CreateApiTokenUseCase;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.SecretGenerator;
import dev.latchkey.application.port.out.TokenHasher;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.TokenOwnerRules;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenSecret;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/** Issues API access tokens to private apps and personal access tokens to users. */
public final class CreateApiTokenService extends InTenantService<CreateApiTokenCommand, IssuedToken>
    implements CreateApiTokenUseCase {
  /** Enough for rotation with overlap in every integration; more is a leak waiting to happen. */
  static final int MAX_TOKENS_PER_OWNER = 50;

  private final Transactions transactions;
  private final ApiTokenRepository tokens;
  private final TokenOwners owners;
  private final ChangeRecorder changes;
  private final IdGenerator ids;
  private final SecretGenerator secrets;
  private final TokenHasher hasher;
  private final InstantSource clock;

  @Inject
  public CreateApiTokenService(
      Transactions transactions, ApiTokenRepository tokens, TokenOwners owners, ChangeRecorder changes, IdGenerator ids,
      SecretGenerator secrets, TokenHasher hasher, InstantSource clock) {
    this.transactions = transactions;
    this.tokens = tokens;
    this.owners = owners;
    this.changes = changes;
    this.ids = ids;
    this.secrets = secrets;
    this.hasher = hasher;
    this.clock = clock;
  }

  @Override
  protected IssuedToken handle(Principal.TenantPrincipal principal, CreateApiTokenCommand command) {
    Actor owner = command.owner();
    DisplayName displayName = command.displayName();
    TokenOwnerRules.require(principal, owner, Action.CREATE);
    TokenSecret secret = secrets.newToken(ApiToken.kindFor(owner));
    TokenDigest digest = hasher.digest(secret);
    return transactions.inTransaction(() -> {
      TokenOwners.Owner loaded = owners.load(principal.tenantId(), owner);
      switch (loaded) {
        case TokenOwners.AppOwner app -> Authorization.requireHoldsGrantsOf(principal, app.app());
        case TokenOwners.UserOwner user -> {
          if (!user.user().isActive() || !user.apiAccess()) {
            throw new PermissionDeniedException("your role does not include API access");
          }
        }
      }
      tokens.lockOwner(principal.tenantId(), owner);
      if (tokens.countByOwner(principal.tenantId(), owner) >= MAX_TOKENS_PER_OWNER) {
        throw new FailedPreconditionException(owner.resourceName() + " has " + MAX_TOKENS_PER_OWNER
            + " tokens already; delete one first");
      }
      Instant now = clock.instant();
      ApiToken token = new ApiToken(principal.tenantId(), new ApiTokenId(ids.newId()), owner, displayName,
          secret.displayPrefix(), digest, now, principal.actor(), null);
      tokens.insert(token);
      changes.record(principal, principal.tenantId(), now, new ChangeEvent.ApiTokenCreated(token));
      return new IssuedToken(token, secret);
    });
  }
}
