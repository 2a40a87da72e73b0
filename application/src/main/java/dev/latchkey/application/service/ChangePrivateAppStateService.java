package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ChangePrivateAppStateCommand;
import dev.latchkey.application.port.in.ChangePrivateAppStateUseCase;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import jakarta.inject.Inject;
import java.util.OptionalLong;

/** Enables and disables private apps. */
public final class ChangePrivateAppStateService extends InTenantService<ChangePrivateAppStateCommand, PrivateApp>
    implements ChangePrivateAppStateUseCase {
  private final PrivateAppRepository apps;
  private final VersionedUpdate update;

  @Inject
  public ChangePrivateAppStateService(PrivateAppRepository apps, VersionedUpdate update) {
    this.apps = apps;
    this.update = update;
  }

  @Override
  protected PrivateApp handle(Principal.TenantPrincipal principal, ChangePrivateAppStateCommand command) {
    PrivateAppState state = command.state();
    return update.run(principal, OptionalLong.empty(), VersionedUpdate.steps(
        () -> PrivateApps.load(apps, principal.tenantId(), command.id()),
        (current, now) -> {
          if (state == PrivateAppState.ENABLED && current.state() != state) {
            // Re-enabling brings the app's tokens back to life: that is giving its grants again.
            Authorization.requireHoldsGrantsOf(principal, current);
          }
          return current.changeState(state, now);
        },
        apps::update));
  }
}
