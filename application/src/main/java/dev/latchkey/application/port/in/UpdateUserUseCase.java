package dev.latchkey.application.port.in;

import dev.latchkey.domain.user.User;

/**
 * A role change takes effect on the user's next call.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} for the account holder (unless the
 * caller is the account holder), or a role with grants beyond the caller's.
 * <p>Fails with {@link dev.latchkey.domain.error.ConflictException} for a stale version.
 */
public interface UpdateUserUseCase extends UseCase<UpdateUserCommand, User> {}
