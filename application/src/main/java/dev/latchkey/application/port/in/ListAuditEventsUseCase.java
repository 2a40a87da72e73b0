package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.audit.AuditEntry;

/**
 * Audit events newest first; the next cursor is already an opaque page token.
 */
public interface ListAuditEventsUseCase extends UseCase<ListAuditEventsQuery, Page<AuditEntry>> {}
