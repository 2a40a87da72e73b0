package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetTenantUseCase;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;

/** Reads one tenant for the operator. */
public final class GetTenantService implements GetTenantUseCase {
  private final TenantRepository tenants;

  @Inject
  public GetTenantService(TenantRepository tenants) {
    this.tenants = tenants;
  }

  @Override
  public Tenant getTenant(Principal caller, TenantId id) {
    Authorization.require(caller, Operation.GET_TENANT);
    return tenants.findById(id).orElseThrow(() -> new NotFoundException("tenants/" + id + " not found"));
  }
}
