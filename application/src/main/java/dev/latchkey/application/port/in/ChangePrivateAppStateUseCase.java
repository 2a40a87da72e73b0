package dev.latchkey.application.port.in;

import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;

/** The enable/disable toggle of a private app. */
public interface ChangePrivateAppStateUseCase {
  /**
   * Puts the app in {@code state}; an app already in it is returned unchanged (and not audited).
   * A disabled app's tokens are refused from the next call on.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException without update on private_apps
   * @throws dev.latchkey.domain.error.NotFoundException if absent, deleted or of another tenant
   */
  PrivateApp changeState(Principal caller, PrivateAppId id, PrivateAppState state);
}
