package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.requestlog.RequestLogEntry;

/** The "Logs" tab: the calls made with a private app's or a user's tokens. */
public interface ListRequestLogsUseCase {
  /**
   * Entries newest first.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException without read on request_logs
   * @throws dev.latchkey.domain.error.NotFoundException if the principal does not exist in the caller's tenant
   */
  Page<RequestLogEntry> listRequestLogs(Principal caller, Actor principal, int pageSize, String pageToken);
}
