package dev.latchkey.application.port.in;

import dev.latchkey.domain.user.User;

/**
 * Adds a team member to the caller's tenant.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.AlreadyExistsException} if the email is taken in the tenant.
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if the role does not exist.
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} for a role with grants beyond the caller's.
 */
public interface CreateUserUseCase extends UseCase<CreateUserCommand, User> {}
