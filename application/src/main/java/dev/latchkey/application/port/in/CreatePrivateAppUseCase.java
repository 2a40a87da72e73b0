package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;

/** Creating a private app (service account). */
public interface CreatePrivateAppUseCase {
  /**
   * Creates an enabled app with the command's grants, or those of the app or role it copies.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException without create on private_apps, or
   *     if the app would get grants the caller does not hold
   * @throws dev.latchkey.domain.error.NotFoundException if the copy source does not exist in the
   *     caller's tenant
   */
  PrivateApp createPrivateApp(Principal caller, CreatePrivateAppCommand command);
}
