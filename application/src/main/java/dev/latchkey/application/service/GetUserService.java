package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetUserQuery;
import dev.latchkey.application.port.in.GetUserUseCase;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.user.User;
import jakarta.inject.Inject;

/** Reads one user of the caller's tenant. */
public final class GetUserService extends InTenantService<GetUserQuery, User> implements GetUserUseCase {
  private final UserRepository users;

  @Inject
  public GetUserService(UserRepository users) {
    this.users = users;
  }

  @Override
  protected User handle(Principal.TenantPrincipal caller, GetUserQuery query) {
    return Users.load(users, caller.tenantId(), query.id());
  }
}
