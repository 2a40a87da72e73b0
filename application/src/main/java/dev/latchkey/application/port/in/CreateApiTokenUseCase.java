package dev.latchkey.application.port.in;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.token.IssuedToken;

/** Issuing a token to a private app or to the calling user. */
public interface CreateApiTokenUseCase {
  /**
   * Issues a token to {@code owner}. The returned secret is never available again.
   *
   * @throws dev.latchkey.domain.error.NotFoundException if the owner does not exist in the caller's tenant
   * @throws dev.latchkey.domain.error.PermissionDeniedException if the caller may not manage the
   *     owner's tokens, does not hold the app's grants, or (for a user) is not that user or lacks API access
   * @throws dev.latchkey.domain.error.FailedPreconditionException if the owner has the maximum number
   *     of tokens already
   */
  IssuedToken createApiToken(Principal caller, Actor owner, DisplayName displayName);
}
