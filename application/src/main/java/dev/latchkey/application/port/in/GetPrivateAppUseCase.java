package dev.latchkey.application.port.in;

import dev.latchkey.domain.privateapp.PrivateApp;

/**
 * Reads one private app of the caller's tenant.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if absent, deleted or of another tenant.
 */
public interface GetPrivateAppUseCase extends UseCase<GetPrivateAppQuery, PrivateApp> {}
