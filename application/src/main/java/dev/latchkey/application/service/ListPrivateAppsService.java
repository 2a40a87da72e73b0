package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.in.ListPrivateAppsQuery;
import dev.latchkey.application.port.in.ListPrivateAppsUseCase;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import jakarta.inject.Inject;

/** Lists the private apps of the caller's tenant, newest first. */
public final class ListPrivateAppsService extends InTenantService<ListPrivateAppsQuery, Page<PrivateApp>>
    implements ListPrivateAppsUseCase {
  private final PrivateAppRepository apps;

  @Inject
  public ListPrivateAppsService(PrivateAppRepository apps) {
    this.apps = apps;
  }

  @Override
  protected Page<PrivateApp> handle(Principal.TenantPrincipal caller, ListPrivateAppsQuery query) {
    var tenant = caller.tenantId();
    var state = query.state();
    // A token is bound to its filter: changing the filter mid-way starts over rather than skipping.
    String scope = "privateApps:" + state.map(Enum::name).orElse("all");
    PageRequest request = Paging.uuidCursorRequest(scope, query.page());
    return Paging.withPageToken(scope, apps.list(tenant, request, state));
  }
}
