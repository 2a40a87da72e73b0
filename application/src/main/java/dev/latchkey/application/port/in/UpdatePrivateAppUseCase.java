package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;

/** Renaming, describing and re-permissioning a private app. */
public interface UpdatePrivateAppUseCase {
  /**
   * Sets each field present in the command, if the expected version (when given) is current.
   *
   * @return the app after the change (unchanged, and not audited, if nothing differed)
   * @throws dev.latchkey.domain.error.ConflictException if the expected version is stale, or the app
   *     changed concurrently
   * @throws dev.latchkey.domain.error.PermissionDeniedException without update on private_apps, or if
   *     the new grants exceed the caller's
   * @throws dev.latchkey.domain.error.NotFoundException if absent, deleted or of another tenant
   */
  PrivateApp updatePrivateApp(Principal caller, UpdatePrivateAppCommand command);
}
