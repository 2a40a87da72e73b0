package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetRoleQuery;
import dev.latchkey.application.port.in.GetRoleUseCase;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import jakarta.inject.Inject;

/** Reads one role of the caller's tenant. */
public final class GetRoleService extends InTenantService<GetRoleQuery, Role> implements GetRoleUseCase {
  private final RoleRepository roles;

  @Inject
  public GetRoleService(RoleRepository roles) {
    this.roles = roles;
  }

  @Override
  protected Role handle(Principal.TenantPrincipal caller, GetRoleQuery query) {
    return Roles.load(roles, caller.tenantId(), query.id());
  }
}
