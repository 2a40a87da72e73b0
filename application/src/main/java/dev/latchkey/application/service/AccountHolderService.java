package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Request;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.user.User;

/**
 * A use case of the tenant's account holder alone, whatever grants others hold (webhooks): the
 * caller must be the active account holder, by its own token or through the operator acting for it.
 * Private apps and other users are refused before anything is read.
 */
public abstract class AccountHolderService<Q extends Request, R> extends InTenantService<Q, R> {
  private final UserRepository users;

  protected AccountHolderService(UserRepository users) {
    this.users = users;
  }

  @Override
  protected final R handle(Principal.TenantPrincipal caller, Q request) {
    boolean holder = caller.actor() instanceof Actor.UserRef(var id)
        && users.findById(caller.tenantId(), id).filter(User::accountHolder).filter(User::isActive).isPresent();
    if (!holder) {
      throw new PermissionDeniedException("webhooks are managed by the account holder alone");
    }
    return handleForAccountHolder(caller, request);
  }

  /** Runs the request for the tenant's account holder. */
  protected abstract R handleForAccountHolder(Principal.TenantPrincipal caller, Q request);
}
