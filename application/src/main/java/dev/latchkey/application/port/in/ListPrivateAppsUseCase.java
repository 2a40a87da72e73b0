package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.privateapp.PrivateApp;

/**
 * Private apps oldest first; the next cursor is already an opaque page token.
 */
public interface ListPrivateAppsUseCase extends UseCase<ListPrivateAppsQuery, Page<PrivateApp>> {}
