package dev.latchkey.application.port.in;

import dev.latchkey.domain.privateapp.PrivateApp;

/**
 * @throws dev.latchkey.domain.error.NotFoundException if absent, deleted or of another tenant
 */
public interface GetPrivateAppUseCase extends UseCase<GetPrivateAppQuery, PrivateApp> {}
