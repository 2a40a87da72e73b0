package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.Tenant;

/** Listing tenants, newest first (operator only). */
public interface ListTenantsUseCase {
  /**
   * Returns one page of tenants.
   *
   * @param pageSize 0 for the default page size
   * @param pageToken empty for the first page, else a token from a previous page
   * @return the page and, inside it, the token of the next page (empty on the last page)
   * @throws dev.latchkey.domain.error.InvalidArgumentException for a bad size or page token
   * @throws dev.latchkey.domain.error.PermissionDeniedException unless the caller is the operator
   */
  Page<Tenant> listTenants(Principal caller, int pageSize, String pageToken);
}
