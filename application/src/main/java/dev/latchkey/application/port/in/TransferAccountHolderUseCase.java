package dev.latchkey.application.port.in;

import dev.latchkey.domain.user.User;

/**
 * Moves the account-holder title from the caller to an active user; returns the new holder.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} unless the caller is the account holder.
 * <p>Fails with {@link dev.latchkey.domain.error.FailedPreconditionException} if the user is deactivated or the caller.
 */
public interface TransferAccountHolderUseCase extends UseCase<TransferAccountHolderCommand, User> {}
