package dev.latchkey.application.port.in;

/**
 * Deletes a user and its tokens for good.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.FailedPreconditionException} for the account holder itself.
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} for the account holder, by anyone else.
 */
public interface DeleteUserUseCase extends UseCase<DeleteUserCommand, Void> {}
