package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetPrivateAppUseCase;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import jakarta.inject.Inject;

/** Reads one private app of the caller's tenant. */
public final class GetPrivateAppService implements GetPrivateAppUseCase {
  private final PrivateAppRepository apps;

  @Inject
  public GetPrivateAppService(PrivateAppRepository apps) {
    this.apps = apps;
  }

  @Override
  public PrivateApp getPrivateApp(Principal caller, PrivateAppId id) {
    Authorization.require(caller, Operation.GET_PRIVATE_APP);
    return PrivateApps.load(apps, Authorization.tenantPrincipal(caller).tenantId(), id);
  }
}
