package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ListAuditEventsQuery;
import dev.latchkey.application.port.in.ListAuditEventsUseCase;
import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;

/** Reads the audit trail of the caller's tenant. */
public final class ListAuditEventsService extends InTenantService<ListAuditEventsQuery, Page<AuditEntry>>
    implements ListAuditEventsUseCase {
  private final AuditLog audit;

  @Inject
  public ListAuditEventsService(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  protected Page<AuditEntry> handle(Principal.TenantPrincipal caller, ListAuditEventsQuery query) {
    var tenant = caller.tenantId();
    var target = query.target();
    String scope = "auditEvents:" + target.orElse("");
    return Paging.withPageToken(scope, audit.list(tenant, Paging.uuidCursorRequest(scope, query.page()), target));
  }
}
