package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.in.ListPrivateAppsUseCase;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import jakarta.inject.Inject;
import java.util.Optional;

/** Lists the private apps of the caller's tenant, newest first. */
public final class ListPrivateAppsService implements ListPrivateAppsUseCase {
  private final PrivateAppRepository apps;

  @Inject
  public ListPrivateAppsService(PrivateAppRepository apps) {
    this.apps = apps;
  }

  @Override
  public Page<PrivateApp> listPrivateApps(
      Principal caller, int pageSize, String pageToken, Optional<PrivateAppState> state) {
    Authorization.require(caller, Operation.LIST_PRIVATE_APPS);
    var tenant = Authorization.tenantPrincipal(caller).tenantId();
    // A token is bound to its filter: changing the filter mid-way starts over rather than skipping.
    String scope = "privateApps:" + state.map(Enum::name).orElse("all");
    PageRequest request = Paging.uuidCursorRequest(scope, pageSize, pageToken);
    return Paging.withPageToken(scope, apps.list(tenant, request, state));
  }
}
