package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ChangePrivateAppStateUseCase;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import jakarta.inject.Inject;
import java.util.OptionalLong;

/** Enables and disables private apps. */
public final class ChangePrivateAppStateService implements ChangePrivateAppStateUseCase {
  private final PrivateAppRepository apps;
  private final VersionedUpdate update;

  @Inject
  public ChangePrivateAppStateService(PrivateAppRepository apps, VersionedUpdate update) {
    this.apps = apps;
    this.update = update;
  }

  @Override
  public PrivateApp changeState(Principal caller, PrivateAppId id, PrivateAppState state) {
    Authorization.require(caller,
        state == PrivateAppState.ENABLED ? Operation.ENABLE_PRIVATE_APP : Operation.DISABLE_PRIVATE_APP);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    return update.run(caller, OptionalLong.empty(), VersionedUpdate.steps(
        () -> PrivateApps.load(apps, principal.tenantId(), id),
        (current, now) -> {
          if (state == PrivateAppState.ENABLED && current.state() != state) {
            // Re-enabling brings the app's tokens back to life: that is giving its grants again.
            Authorization.requireHolds(principal, current.grants());
          }
          return current.changeState(state, now);
        },
        apps::update));
  }
}
