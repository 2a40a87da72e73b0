package dev.latchkey.application.port.in;

import dev.latchkey.domain.user.User;

/**
 * @throws dev.latchkey.domain.error.AlreadyExistsException if the email is taken in the tenant
 * @throws dev.latchkey.domain.error.NotFoundException if the role does not exist
 * @throws dev.latchkey.domain.error.PermissionDeniedException for a role with grants beyond the caller's
 */
public interface CreateUserUseCase extends UseCase<CreateUserCommand, User> {}
