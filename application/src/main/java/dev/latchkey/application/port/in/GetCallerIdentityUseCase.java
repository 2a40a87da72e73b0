package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;

/** "Who am I": what an integration calls to test its connection. */
public interface GetCallerIdentityUseCase {
  /** The identity of {@code caller} as of this call; any authenticated caller may ask. */
  CallerIdentity getCallerIdentity(Principal caller);
}
