package dev.latchkey.application.service;

import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;

/** Loading a role the caller named, the same way everywhere. */
final class Roles {
  private Roles() {}

  /**
   * The live role {@code id} of {@code tenant}.
   *
   * @throws NotFoundException if there is none (absent, deleted, or of another tenant)
   */
  static Role load(RoleRepository roles, TenantId tenant, RoleId id) {
    return roles.findById(tenant, id).orElseThrow(() -> notFound(id));
  }

  static NotFoundException notFound(RoleId id) {
    return new NotFoundException("roles/" + id + " not found");
  }
}
