package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.principal.Principal;
import java.util.Optional;

/** Reading the audit trail of the caller's tenant. */
public interface ListAuditEventsUseCase {
  /**
   * Entries newest first; with {@code target}, only those about it or resources under it.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException without read on audit_events
   * @throws dev.latchkey.domain.error.InvalidArgumentException for a bad page size or token
   */
  Page<AuditEntry> listAuditEvents(Principal caller, int pageSize, String pageToken, Optional<String> target);
}
