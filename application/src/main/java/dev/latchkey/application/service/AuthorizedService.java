package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Request;
import dev.latchkey.application.port.in.UseCase;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.principal.Principal;

/**
 * The one place where a use case's caller is checked against the permission table: every service
 * extends this (or {@link InTenantService}), declares nothing about permissions itself, and runs
 * only after the operation its request declares has been allowed.
 */
public abstract class AuthorizedService<Q extends Request, R> implements UseCase<Q, R> {
  @Override
  public final R execute(Principal caller, Q request) {
    Authorization.require(caller, request);
    return run(caller, request);
  }

  /** Runs the request for a caller already allowed its operation. */
  protected abstract R run(Principal caller, Q request);
}
