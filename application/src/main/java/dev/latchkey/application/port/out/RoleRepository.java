package dev.latchkey.application.port.out;

import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import java.util.Optional;

/** Stored roles, always looked up within their tenant. */
public interface RoleRepository {
  void insert(Role role);

  Optional<Role> findById(TenantId tenantId, RoleId id);
}
