package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.application.port.in.GetCallerIdentityQuery;
import dev.latchkey.application.port.in.GetCallerIdentityUseCase;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;

/** Reports the caller's own identity, as resolved when its token was checked for this call. */
public final class GetCallerIdentityService extends AuthorizedService<GetCallerIdentityQuery, CallerIdentity>
    implements GetCallerIdentityUseCase {
  @Inject
  public GetCallerIdentityService() {}

  @Override
  protected CallerIdentity run(Principal caller, GetCallerIdentityQuery query) {
    return CallerIdentity.of(caller);
  }
}
