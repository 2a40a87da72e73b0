package dev.latchkey.application.port.in;

import dev.latchkey.domain.user.User;

/**
 * @throws dev.latchkey.domain.error.NotFoundException if absent, deleted or of another tenant
 */
public interface GetUserUseCase extends UseCase<GetUserQuery, User> {}
