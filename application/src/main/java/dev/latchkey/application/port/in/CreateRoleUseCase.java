package dev.latchkey.application.port.in;

import dev.latchkey.domain.role.Role;

/**
 * @throws dev.latchkey.domain.error.PermissionDeniedException for grants beyond the caller's, or
 *     API access the caller lacks
 */
public interface CreateRoleUseCase extends UseCase<CreateRoleCommand, Role> {}
