package dev.latchkey.application.security;

import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;

/**
 * Who may manage whose tokens. A private app's tokens are managed with grants on {@code
 * private_apps}. A user manages their own tokens; managing another user's tokens (list, read,
 * delete; never create) needs update and delete on {@code users}; and only the account holder may
 * delete the account holder's tokens (checked where the owner is loaded).
 */
public final class TokenOwnerRules {
  private TokenOwnerRules() {}

  /**
   * Returns normally if {@code caller} may do {@code action} to tokens of {@code owner}.
   *
   * @throws PermissionDeniedException otherwise
   */
  public static void require(Principal.TenantPrincipal caller, Actor owner, Action action) {
    switch (owner) {
      case Actor.PrivateAppRef app -> Authorization.requireGrant(caller, DataModel.PRIVATE_APPS, action);
      case Actor.UserRef user -> {
        if (caller.actor().equals(user)) {
          return;
        }
        if (action == Action.CREATE) {
          throw new PermissionDeniedException("personal access tokens can only be created by their owner");
        }
        if (!caller.allows(DataModel.USERS, Action.UPDATE) || !caller.allows(DataModel.USERS, Action.DELETE)) {
          throw new PermissionDeniedException(
              "managing other users' tokens needs the update and delete permissions on users");
        }
      }
      case Actor.Operator o -> throw new PermissionDeniedException("the operator token is not managed here");
      case Actor.TenantIngest i -> throw new PermissionDeniedException("the ingest token is not managed here");
    }
  }
}
