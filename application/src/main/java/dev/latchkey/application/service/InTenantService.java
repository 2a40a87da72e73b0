package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Request;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.principal.Principal;

/** A use case that works in the caller's own tenant: its caller is a user or a private app. */
public abstract class InTenantService<Q extends Request, R> extends AuthorizedService<Q, R> {
  @Override
  protected final R run(Principal caller, Q request) {
    return handle(Authorization.tenantPrincipal(caller), request);
  }

  /** Runs the request for a tenant principal already allowed its operation. */
  protected abstract R handle(Principal.TenantPrincipal caller, Q request);
}
