package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Stored roles, always within their tenant. Deleted roles are never returned. */
public interface RoleRepository {
  void insert(Role role);

  Optional<Role> findById(TenantId tenantId, RoleId id);

  /**
   * Stores {@code role} if the stored one still has version {@code role.version() - 1}.
   *
   * @return false if the role was changed or deleted in the meantime
   */
  boolean update(Role role);

  /** Roles oldest first (the defaults lead), after the request's cursor. */
  Page<Role> list(TenantId tenantId, PageRequest request);

  /**
   * Marks the role deleted at {@code when}.
   *
   * @return false if there was no such live role
   * @throws dev.latchkey.domain.error.FailedPreconditionException if live users hold the role (an
   *     adapter may enforce this itself, against concurrent assignments)
   */
  boolean delete(TenantId tenantId, RoleId id, Instant when);
}
