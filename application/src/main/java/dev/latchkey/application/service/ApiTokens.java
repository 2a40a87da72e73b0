package dev.latchkey.application.service;

import dev.latchkey.application.security.TokenOwnerRules;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.token.ApiTokenId;

/** What the token use cases share: whose tokens a caller may touch, and the not-found answer. */
final class ApiTokens {
  private ApiTokens() {}

  /**
   * Returns normally when {@code caller} may take {@code action} on {@code owner}'s tokens.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException otherwise
   */
  static void requireOwnerRule(Principal.TenantPrincipal caller, Actor owner, Action action) {
    TokenOwnerRules.require(caller, owner, action);
  }

  static NotFoundException notFound(Actor owner, ApiTokenId id) {
    return new NotFoundException(owner.resourceName() + "/tokens/" + id + " not found");
  }
}
