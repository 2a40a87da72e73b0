package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ChangePrivateAppStateUseCase;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/** Enables and disables private apps. */
public final class ChangePrivateAppStateService implements ChangePrivateAppStateUseCase {
  private final Transactions transactions;
  private final PrivateAppRepository apps;
  private final AuditTrail audit;
  private final InstantSource clock;

  @Inject
  public ChangePrivateAppStateService(
      Transactions transactions, PrivateAppRepository apps, AuditTrail audit, InstantSource clock) {
    this.transactions = transactions;
    this.apps = apps;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public PrivateApp changeState(Principal caller, PrivateAppId id, PrivateAppState state) {
    Authorization.require(caller,
        state == PrivateAppState.ENABLED ? Operation.ENABLE_PRIVATE_APP : Operation.DISABLE_PRIVATE_APP);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    var tenant = principal.tenantId();
    return transactions.inTransaction(() -> {
      PrivateApp current = PrivateApps.load(apps, tenant, id);
      if (current.state() == state) {
        return current;
      }
      if (state == PrivateAppState.ENABLED) {
        // Re-enabling brings the app's tokens back to life: that is giving its grants again.
        Authorization.requireHolds(principal, current.grants());
      }
      Instant now = clock.instant();
      PrivateApp changed = state == PrivateAppState.ENABLED ? current.enable(now) : current.disable(now);
      if (!apps.update(changed)) {
        throw new ConflictException(current.resourceName() + " was changed concurrently; retry");
      }
      audit.record(caller, tenant, now,
          state == PrivateAppState.ENABLED ? AuditAction.PRIVATE_APP_ENABLED : AuditAction.PRIVATE_APP_DISABLED,
          changed.resourceName(), Map.of("state", state.name()));
      return changed;
    });
  }
}
