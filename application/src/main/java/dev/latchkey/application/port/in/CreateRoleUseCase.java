package dev.latchkey.application.port.in;

import dev.latchkey.domain.role.Role;

/**
 * Creates a role of the caller's tenant.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} for grants beyond the caller's, or
 * API access the caller lacks.
 */
public interface CreateRoleUseCase extends UseCase<CreateRoleCommand, Role> {}
