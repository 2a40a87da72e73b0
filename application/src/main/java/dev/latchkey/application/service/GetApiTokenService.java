package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetApiTokenQuery;
import dev.latchkey.application.port.in.GetApiTokenUseCase;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.token.ApiToken;
import jakarta.inject.Inject;

/** Reads one token of an app or a user, under the rules of {@link dev.latchkey.application.security.TokenOwnerRules}. */
public final class GetApiTokenService extends InTenantService<GetApiTokenQuery, ApiToken>
    implements GetApiTokenUseCase {
  private final ApiTokenRepository tokens;
  private final TokenOwners owners;

  @Inject
  public GetApiTokenService(ApiTokenRepository tokens, TokenOwners owners) {
    this.tokens = tokens;
    this.owners = owners;
  }

  @Override
  protected ApiToken handle(Principal.TenantPrincipal caller, GetApiTokenQuery query) {
    ApiTokens.requireOwnerRule(caller, query.owner(), Action.READ);
    owners.load(caller.tenantId(), query.owner());
    return tokens.findById(caller.tenantId(), query.owner(), query.id())
        .orElseThrow(() -> ApiTokens.notFound(query.owner(), query.id()));
  }
}
