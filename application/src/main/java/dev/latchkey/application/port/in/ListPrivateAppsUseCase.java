package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import java.util.Optional;

/** Listing the caller's tenant's private apps, newest first. */
public interface ListPrivateAppsUseCase {
  /**
   * Returns one page of the tenant's private apps, optionally only those in {@code state}.
   *
   * @return a page whose next cursor is already an opaque page token
   * @throws dev.latchkey.domain.error.InvalidArgumentException for a bad page size or token
   * @throws dev.latchkey.domain.error.PermissionDeniedException without read on private_apps
   */
  Page<PrivateApp> listPrivateApps(Principal caller, int pageSize, String pageToken, Optional<PrivateAppState> state);
}
