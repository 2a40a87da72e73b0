package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.tenant.TenantId;

/** The written request log. */
public interface RequestLogRepository {
  /** The calls made with {@code principal}'s tokens, newest first. */
  Page<RequestLogEntry> list(TenantId tenantId, Actor principal, PageRequest request);
}
