package dev.latchkey.application.port.in;

/**
 * @throws dev.latchkey.domain.error.FailedPreconditionException while users still hold the role
 * @throws dev.latchkey.domain.error.NotFoundException if absent or already deleted
 */
public interface DeleteRoleUseCase extends UseCase<DeleteRoleCommand, Void> {}
