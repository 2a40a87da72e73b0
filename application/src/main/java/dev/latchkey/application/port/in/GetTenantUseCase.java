package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;

/** Reading one tenant (operator only). */
public interface GetTenantUseCase {
  /**
   * Returns the tenant with this id.
   *
   * @throws dev.latchkey.domain.error.NotFoundException if there is no such tenant
   * @throws dev.latchkey.domain.error.PermissionDeniedException unless the caller is the operator
   */
  Tenant getTenant(Principal caller, TenantId id);
}
