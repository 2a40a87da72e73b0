package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetTenantQuery;
import dev.latchkey.application.port.in.GetTenantUseCase;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.Tenant;
import jakarta.inject.Inject;

/** Reads one tenant for the operator. */
public final class GetTenantService extends AuthorizedService<GetTenantQuery, Tenant>
    implements GetTenantUseCase {
  private final TenantRepository tenants;

  @Inject
  public GetTenantService(TenantRepository tenants) {
    this.tenants = tenants;
  }

  @Override
  protected Tenant run(Principal caller, GetTenantQuery query) {
    return tenants.findById(query.id())
        .orElseThrow(() -> new NotFoundException("tenants/" + query.id() + " not found"));
  }
}
