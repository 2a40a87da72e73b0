package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;

/**
 * Roles of the caller's tenant: named permission sets for team members, with the API-access flag.
 * Each method needs the matching action on {@code roles}; nobody gives a role grants they do not
 * hold themselves.
 */
public interface ManageRolesUseCase {
  /**
   * Creates a role in the caller's tenant.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException without create on roles, or for
   *     grants beyond the caller's
   */
  Role createRole(Principal caller, RoleCommands.Create command);

  /**
   * Returns the live role with this id.
   *
   * @throws dev.latchkey.domain.error.NotFoundException if absent, deleted or of another tenant
   */
  Role getRole(Principal caller, RoleId id);

  /** Roles oldest first; the next cursor is already an opaque page token. */
  Page<Role> listRoles(Principal caller, int pageSize, String pageToken);

  /**
   * A role change takes effect on its users' next call (their tokens carry no copy of the grants).
   *
   * @throws dev.latchkey.domain.error.ConflictException for a stale version
   * @throws dev.latchkey.domain.error.PermissionDeniedException for grants beyond the caller's
   */
  Role updateRole(Principal caller, RoleCommands.Update command);

  /**
   * Deletes a role that no user holds.
   *
   * @throws dev.latchkey.domain.error.FailedPreconditionException while users still hold the role
   * @throws dev.latchkey.domain.error.NotFoundException if absent or already deleted
   */
  void deleteRole(Principal caller, RoleId id);
}
