package dev.latchkey.application.port.in;

import dev.latchkey.domain.ratelimit.RateLimit;

/**
 * The limit set for a tenant or one of its principals, zero when it inherits (operator only).
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if the tenant or the principal does
 * not exist.
 */
public interface GetRateLimitUseCase extends UseCase<GetRateLimitQuery, RateLimit> {}
