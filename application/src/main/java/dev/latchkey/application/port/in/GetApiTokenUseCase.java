package dev.latchkey.application.port.in;

import dev.latchkey.domain.token.ApiToken;

/**
 * @throws dev.latchkey.domain.error.NotFoundException if absent, deleted or of another owner
 */
public interface GetApiTokenUseCase extends UseCase<GetApiTokenQuery, ApiToken> {}
