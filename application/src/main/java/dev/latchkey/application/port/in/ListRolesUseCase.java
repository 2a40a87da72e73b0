package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.role.Role;

/**
 * Roles oldest first; the next cursor is already an opaque page token.
 */
public interface ListRolesUseCase extends UseCase<ListRolesQuery, Page<Role>> {}
