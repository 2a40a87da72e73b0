package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ListApiTokensQuery;
import dev.latchkey.application.port.in.ListApiTokensUseCase;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.token.ApiToken;
import jakarta.inject.Inject;

/** Lists the tokens of an app or a user, under the rules of {@link dev.latchkey.application.security.TokenOwnerRules}. */
public final class ListApiTokensService extends InTenantService<ListApiTokensQuery, Page<ApiToken>>
    implements ListApiTokensUseCase {
  private final ApiTokenRepository tokens;
  private final TokenOwners owners;

  @Inject
  public ListApiTokensService(ApiTokenRepository tokens, TokenOwners owners) {
    this.tokens = tokens;
    this.owners = owners;
  }

  @Override
  protected Page<ApiToken> handle(Principal.TenantPrincipal caller, ListApiTokensQuery query) {
    ApiTokens.requireOwnerRule(caller, query.owner(), Action.READ);
    String scope = query.owner().resourceName() + "/tokens";
    var request = Paging.uuidCursorRequest(scope, query.page());
    owners.load(caller.tenantId(), query.owner());
    return Paging.withPageToken(scope, tokens.listByOwner(caller.tenantId(), query.owner(), request));
  }
}
