package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;

/** Deleting a private app for good. */
public interface DeletePrivateAppUseCase {
  /**
   * Deletes the app and all its tokens; they never work again.
   *
   * @throws dev.latchkey.domain.error.NotFoundException if absent, already deleted or of another tenant
   * @throws dev.latchkey.domain.error.PermissionDeniedException without delete on private_apps
   */
  void deletePrivateApp(Principal caller, PrivateAppId id);
}
