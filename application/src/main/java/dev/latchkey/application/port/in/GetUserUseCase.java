package dev.latchkey.application.port.in;

import dev.latchkey.domain.user.User;

/**
 * Reads one user of the caller's tenant.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if absent, deleted or of another tenant.
 */
public interface GetUserUseCase extends UseCase<GetUserQuery, User> {}
