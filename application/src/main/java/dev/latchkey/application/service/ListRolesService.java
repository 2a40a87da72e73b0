package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ListRolesQuery;
import dev.latchkey.application.port.in.ListRolesUseCase;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import jakarta.inject.Inject;

/** Lists the roles of the caller's tenant, oldest first. */
public final class ListRolesService extends InTenantService<ListRolesQuery, Page<Role>>
    implements ListRolesUseCase {
  private static final String SCOPE = "roles";

  private final RoleRepository roles;

  @Inject
  public ListRolesService(RoleRepository roles) {
    this.roles = roles;
  }

  @Override
  protected Page<Role> handle(Principal.TenantPrincipal caller, ListRolesQuery query) {
    return Paging.withPageToken(SCOPE,
        roles.list(caller.tenantId(), Paging.uuidCursorRequest(SCOPE, query.page())));
  }
}
