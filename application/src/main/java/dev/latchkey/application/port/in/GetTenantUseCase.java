package dev.latchkey.application.port.in;

import dev.latchkey.domain.tenant.Tenant;

/**
 * A tenant (operator only).
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if absent.
 */
public interface GetTenantUseCase extends UseCase<GetTenantQuery, Tenant> {}
