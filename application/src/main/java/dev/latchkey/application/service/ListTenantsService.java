package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.in.ListTenantsQuery;
import dev.latchkey.application.port.in.ListTenantsUseCase;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.Tenant;
import jakarta.inject.Inject;

/** Lists tenants for the operator, newest first. */
public final class ListTenantsService extends AuthorizedService<ListTenantsQuery, Page<Tenant>>
    implements ListTenantsUseCase {
  private static final String SCOPE = "tenants";

  private final TenantRepository tenants;

  @Inject
  public ListTenantsService(TenantRepository tenants) {
    this.tenants = tenants;
  }

  @Override
  protected Page<Tenant> run(Principal caller, ListTenantsQuery query) {
    PageRequest request = Paging.uuidCursorRequest(SCOPE, query.page());
    return Paging.withPageToken(SCOPE, tenants.list(request));
  }
}
