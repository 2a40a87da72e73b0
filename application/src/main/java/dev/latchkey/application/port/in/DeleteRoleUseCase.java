package dev.latchkey.application.port.in;

/**
 * Deletes a role nobody holds any more.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.FailedPreconditionException} while users still hold the role.
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if absent or already deleted.
 */
public interface DeleteRoleUseCase extends UseCase<DeleteRoleCommand, Void> {}
