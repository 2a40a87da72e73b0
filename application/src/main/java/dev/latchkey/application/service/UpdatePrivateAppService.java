package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdatePrivateAppCommand;
import dev.latchkey.application.port.in.UpdatePrivateAppUseCase;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/** Applies an update mask's changes to a private app, guarded by its version. */
public final class UpdatePrivateAppService implements UpdatePrivateAppUseCase {
  private final Transactions transactions;
  private final PrivateAppRepository apps;
  private final AuditTrail audit;
  private final InstantSource clock;

  @Inject
  public UpdatePrivateAppService(
      Transactions transactions, PrivateAppRepository apps, AuditTrail audit, InstantSource clock) {
    this.transactions = transactions;
    this.apps = apps;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public PrivateApp updatePrivateApp(Principal caller, UpdatePrivateAppCommand command) {
    Authorization.require(caller, Operation.UPDATE_PRIVATE_APP);
    Principal.TenantPrincipal principal = Authorization.tenantPrincipal(caller);
    command.grants().ifPresent(grants -> Authorization.requireHolds(principal, grants));
    return transactions.inTransaction(() -> {
      PrivateApp current = PrivateApps.load(apps, principal.tenantId(), command.id());
      if (command.expectedVersion().isPresent() && command.expectedVersion().getAsLong() != current.version()) {
        throw stale(current);
      }
      Instant now = clock.instant();
      PrivateApp updated = current;
      Map<String, String> changes = new LinkedHashMap<>();
      if (command.displayName().isPresent() && !command.displayName().get().equals(current.displayName())) {
        updated = updated.withDisplayName(command.displayName().get(), now);
        changes.put("display_name", updated.displayName().value());
      }
      if (command.description().isPresent() && !command.description().get().equals(current.description())) {
        updated = updated.withDescription(command.description().get(), now);
        changes.put("description", updated.description().value());
      }
      if (command.grants().isPresent() && !command.grants().get().equals(current.grants())) {
        updated = updated.withGrants(command.grants().get(), now);
        changes.put("grants", Grants.describe(updated.grants()));
      }
      if (changes.isEmpty()) {
        return current;
      }
      // One version step per update, however many fields changed.
      updated = new PrivateApp(updated.tenantId(), updated.id(), updated.displayName(), updated.description(),
          updated.state(), updated.grants(), updated.createTime(), now, updated.creator(), current.version() + 1);
      if (!apps.update(updated)) {
        throw stale(current);
      }
      audit.record(caller, updated.tenantId(), now, AuditAction.PRIVATE_APP_UPDATED, updated.resourceName(), changes);
      return updated;
    });
  }

  private static ConflictException stale(PrivateApp app) {
    return new ConflictException(app.resourceName() + " was changed by someone else; read it again and retry");
  }
}
