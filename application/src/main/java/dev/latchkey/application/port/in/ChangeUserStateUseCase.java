package dev.latchkey.application.port.in;

import dev.latchkey.domain.user.User;

/**
 * Deactivates (tokens stop at once) or reactivates (they work again) a user; a no-op if already so.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.FailedPreconditionException} to deactivate the account holder.
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} for the account holder, by anyone else.
 */
public interface ChangeUserStateUseCase extends UseCase<ChangeUserStateCommand, User> {}
