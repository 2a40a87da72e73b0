package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ListRequestLogsQuery;
import dev.latchkey.application.port.in.ListRequestLogsUseCase;
import dev.latchkey.application.port.out.RequestLogRepository;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import jakarta.inject.Inject;

/** The "Logs" tab of a private app or a user. */
public final class ListRequestLogsService extends InTenantService<ListRequestLogsQuery, Page<RequestLogEntry>>
    implements ListRequestLogsUseCase {
  private final RequestLogRepository logs;
  private final TokenOwners owners;

  @Inject
  public ListRequestLogsService(RequestLogRepository logs, TokenOwners owners) {
    this.logs = logs;
    this.owners = owners;
  }

  @Override
  protected Page<RequestLogEntry> handle(Principal.TenantPrincipal caller, ListRequestLogsQuery query) {
    var tenant = caller.tenantId();
    Actor principal = query.principal();
    String scope = principal.resourceName() + "/requestLogs";
    var request = Paging.uuidCursorRequest(scope, query.page());
    owners.load(tenant, principal);
    return Paging.withPageToken(scope, logs.list(tenant, principal, request));
  }
}
