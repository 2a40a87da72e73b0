package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdatePrivateAppCommand;
import dev.latchkey.application.port.in.UpdatePrivateAppUseCase;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import jakarta.inject.Inject;

/** Applies an update mask's changes to a private app, guarded by its version. */
public final class UpdatePrivateAppService extends InTenantService<UpdatePrivateAppCommand, PrivateApp>
    implements UpdatePrivateAppUseCase {
  private final PrivateAppRepository apps;
  private final VersionedUpdate update;

  @Inject
  public UpdatePrivateAppService(PrivateAppRepository apps, VersionedUpdate update) {
    this.apps = apps;
    this.update = update;
  }

  @Override
  protected PrivateApp handle(Principal.TenantPrincipal principal, UpdatePrivateAppCommand command) {
    command.grants().ifPresent(grants -> Authorization.requireHolds(principal, grants));
    var patch = new PrivateApp.Patch(command.displayName(), command.description(), command.grants());
    return update.run(principal, command.expectedVersion(), VersionedUpdate.steps(
        () -> PrivateApps.load(apps, principal.tenantId(), command.id()),
        (current, now) -> current.apply(patch, now),
        apps::update));
  }
}
