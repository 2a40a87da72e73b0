package dev.latchkey.application.port.in;

import dev.latchkey.domain.role.Role;

/**
 * Reads one role of the caller's tenant.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if absent, deleted or of another tenant.
 */
public interface GetRoleUseCase extends UseCase<GetRoleQuery, Role> {}
