package dev.latchkey.application.port.in;

import dev.latchkey.domain.role.Role;

/**
 * A role change takes effect on its users' next call (their tokens carry no copy of the grants).
 * Giving API access, or widening the grants of a role that has it, needs API access and every
 * grant the role will carry.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.ConflictException} for a stale version.
 * <p>Fails with {@link dev.latchkey.domain.error.PermissionDeniedException} for grants beyond the caller's.
 */
public interface UpdateRoleUseCase extends UseCase<UpdateRoleCommand, Role> {}
