package dev.latchkey.application.port.in;

import dev.latchkey.domain.token.IssuedToken;

/**
 * Issues a token: the only time its secret exists outside the caller's hands.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} under the rules of
 * {@link dev.latchkey.application.security.TokenOwnerRules}, for an app with grants beyond the
 * caller's, or a user without API access.
 * <p>Fails with {@link dev.latchkey.domain.error.FailedPreconditionException} for the 51st token of one owner.
 */
public interface CreateApiTokenUseCase extends UseCase<CreateApiTokenCommand, IssuedToken> {}
