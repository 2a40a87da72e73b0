package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetPrivateAppQuery;
import dev.latchkey.application.port.in.GetPrivateAppUseCase;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import jakarta.inject.Inject;

/** Reads one private app of the caller's tenant. */
public final class GetPrivateAppService extends InTenantService<GetPrivateAppQuery, PrivateApp>
    implements GetPrivateAppUseCase {
  private final PrivateAppRepository apps;

  @Inject
  public GetPrivateAppService(PrivateAppRepository apps) {
    this.apps = apps;
  }

  @Override
  protected PrivateApp handle(Principal.TenantPrincipal caller, GetPrivateAppQuery query) {
    return PrivateApps.load(apps, caller.tenantId(), query.id());
  }
}
