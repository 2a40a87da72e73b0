package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ListUsersQuery;
import dev.latchkey.application.port.in.ListUsersUseCase;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.user.User;
import jakarta.inject.Inject;

/** Lists the users of the caller's tenant, oldest first, optionally filtered. */
public final class ListUsersService extends InTenantService<ListUsersQuery, Page<User>>
    implements ListUsersUseCase {
  private final UserRepository users;

  @Inject
  public ListUsersService(UserRepository users) {
    this.users = users;
  }

  @Override
  protected Page<User> handle(Principal.TenantPrincipal caller, ListUsersQuery query) {
    // A token is bound to its filter: changing the filter mid-way starts over rather than skipping.
    String scope = "users:" + query.role().map(RoleId::toString).orElse("") + ":"
        + query.state().map(Enum::name).orElse("");
    return Paging.withPageToken(scope, users.list(caller.tenantId(), Paging.uuidCursorRequest(scope, query.page()),
        query.role(), query.state()));
  }
}
