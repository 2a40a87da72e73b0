package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ListAuditEventsUseCase;
import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.util.Optional;

/** Reads the audit trail of the caller's tenant. */
public final class ListAuditEventsService implements ListAuditEventsUseCase {
  private final AuditLog audit;

  @Inject
  public ListAuditEventsService(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public Page<AuditEntry> listAuditEvents(Principal caller, int pageSize, String pageToken, Optional<String> target) {
    Authorization.require(caller, Operation.LIST_AUDIT_EVENTS);
    var tenant = Authorization.tenantPrincipal(caller).tenantId();
    String scope = "auditEvents:" + target.orElse("");
    return Paging.withPageToken(scope, audit.list(tenant, Paging.uuidCursorRequest(scope, pageSize, pageToken), target));
  }
}
