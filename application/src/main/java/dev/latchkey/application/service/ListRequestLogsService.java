package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ListRequestLogsUseCase;
import dev.latchkey.application.port.out.RequestLogRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import jakarta.inject.Inject;

/** The "Logs" tab of a private app or a user. */
public final class ListRequestLogsService implements ListRequestLogsUseCase {
  private final RequestLogRepository logs;
  private final TokenOwners owners;

  @Inject
  public ListRequestLogsService(RequestLogRepository logs, TokenOwners owners) {
    this.logs = logs;
    this.owners = owners;
  }

  @Override
  public Page<RequestLogEntry> listRequestLogs(Principal caller, Actor principal, int pageSize, String pageToken) {
    Authorization.require(caller, Operation.LIST_REQUEST_LOGS);
    var tenant = Authorization.tenantPrincipal(caller).tenantId();
    String scope = principal.resourceName() + "/requestLogs";
    var request = Paging.uuidCursorRequest(scope, pageSize, pageToken);
    owners.load(tenant, principal);
    return Paging.withPageToken(scope, logs.list(tenant, principal, request));
  }
}
