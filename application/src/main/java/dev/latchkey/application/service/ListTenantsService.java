package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.in.ListTenantsUseCase;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.Tenant;
import jakarta.inject.Inject;

/** Lists tenants for the operator, newest first. */
public final class ListTenantsService implements ListTenantsUseCase {
  private static final String SCOPE = "tenants";

  private final TenantRepository tenants;

  @Inject
  public ListTenantsService(TenantRepository tenants) {
    this.tenants = tenants;
  }

  @Override
  public Page<Tenant> listTenants(Principal caller, int pageSize, String pageToken) {
    Authorization.require(caller, Operation.LIST_TENANTS);
    PageRequest request = Paging.uuidCursorRequest(SCOPE, pageSize, pageToken);
    return Paging.withPageToken(SCOPE, tenants.list(request));
  }
}
