package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;

/** Reading and deleting the tokens of a private app or a user. */
public interface ManageApiTokensUseCase {
  /**
   * Returns one live token of {@code owner}.
   *
   * @throws dev.latchkey.domain.error.NotFoundException if the owner or token does not exist in the
   *     caller's tenant, or the token was deleted
   * @throws dev.latchkey.domain.error.PermissionDeniedException if the caller may not see the owner's tokens
   */
  ApiToken getApiToken(Principal caller, Actor owner, ApiTokenId id);

  /** The owner's live tokens, newest first; the next cursor is already an opaque page token. */
  Page<ApiToken> listApiTokens(Principal caller, Actor owner, int pageSize, String pageToken);

  /**
   * Deletes one token; the owner's other tokens keep working.
   *
   * @throws dev.latchkey.domain.error.NotFoundException if absent or already deleted
   * @throws dev.latchkey.domain.error.PermissionDeniedException if the caller may not delete it (the
   *     account holder's tokens only the account holder may delete)
   */
  void deleteApiToken(Principal caller, Actor owner, ApiTokenId id);
}
