package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;

/** Reading one private app. */
public interface GetPrivateAppUseCase {
  /**
   * Returns the caller's tenant's private app with this id.
   *
   * @throws dev.latchkey.domain.error.NotFoundException if absent, deleted or of another tenant
   * @throws dev.latchkey.domain.error.PermissionDeniedException without read on private_apps
   */
  PrivateApp getPrivateApp(Principal caller, PrivateAppId id);
}
