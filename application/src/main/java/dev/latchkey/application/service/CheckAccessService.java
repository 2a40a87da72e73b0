package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.CheckAccessQuery;
import dev.latchkey.application.port.in.CheckAccessUseCase;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;

/** Whether a token may take an action on a data model: what a resource server asks on each call. */
public final class CheckAccessService extends AuthorizedService<CheckAccessQuery, Boolean>
    implements CheckAccessUseCase {
  private final AuthenticateTokenUseCase authenticate;

  @Inject
  public CheckAccessService(AuthenticateTokenUseCase authenticate) {
    this.authenticate = authenticate;
  }

  @Override
  protected Boolean run(Principal caller, CheckAccessQuery query) {
    return IntrospectTokenService.usable(authenticate, caller, query.token())
        .filter(p -> p instanceof Principal.TenantPrincipal t && t.allows(query.model(), query.action()))
        .isPresent();
  }
}
