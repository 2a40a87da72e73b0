package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.application.port.in.GetCallerIdentityUseCase;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;

/** Reports the caller's own identity, as resolved when its token was checked for this call. */
public final class GetCallerIdentityService implements GetCallerIdentityUseCase {
  @Inject
  public GetCallerIdentityService() {}

  @Override
  public CallerIdentity getCallerIdentity(Principal caller) {
    Authorization.require(caller, Operation.GET_CALLER_IDENTITY);
    return CallerIdentity.of(caller);
  }
}
