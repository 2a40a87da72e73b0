package dev.latchkey.application.port.in;

import dev.latchkey.domain.ratelimit.RateLimit;

/**
 * Sets a rate limit (operator only), audited and in force on every instance from the next call.
 * Requests already counted in the current minute count against the new limit.
 *
 * <p>Returns the limit as set.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if the tenant or the principal does
 * not exist.
 */
public interface UpdateRateLimitUseCase extends UseCase<UpdateRateLimitCommand, RateLimit> {}
