package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreatePrivateAppCommand;
import dev.latchkey.application.port.in.CreatePrivateAppUseCase;
import dev.latchkey.application.port.in.PermissionSource;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.security.Authorization;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/** Creates private apps, from explicit grants or a copy of an app's or a role's. */
public final class CreatePrivateAppService extends InTenantService<CreatePrivateAppCommand, PrivateApp>
    implements CreatePrivateAppUseCase {
  private final Transactions transactions;
  private final PrivateAppRepository apps;
  private final RoleRepository roles;
  private final ChangeRecorder changes;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public CreatePrivateAppService(
      Transactions transactions, PrivateAppRepository apps, RoleRepository roles, ChangeRecorder changes,
      IdGenerator ids, InstantSource clock) {
    this.transactions = transactions;
    this.apps = apps;
    this.roles = roles;
    this.changes = changes;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  protected PrivateApp handle(Principal.TenantPrincipal principal, CreatePrivateAppCommand command) {
    return transactions.inTransaction(() -> {
      PermissionSet grants = command.copyFrom()
          .map(source -> grantsOf(principal, source))
          .orElse(command.grants());
      Authorization.requireHolds(principal, grants);
      Instant now = clock.instant();
      PrivateApp app = PrivateApp.create(principal.tenantId(), new PrivateAppId(ids.newId()), command.displayName(),
          command.description(), grants, principal.actor(), now);
      apps.insert(app);
      changes.record(principal, app.tenantId(), now,
          new ChangeEvent.PrivateAppCreated(app, command.copyFrom().map(CreatePrivateAppService::sourceName)));
      return app;
    });
  }

  /** The source's grants; reading them needs read on what they belong to, like any other read. */
  private PermissionSet grantsOf(Principal.TenantPrincipal caller, PermissionSource source) {
    return switch (source) {
      case PermissionSource.FromPrivateApp(var id) -> {
        Authorization.requireGrant(caller, DataModel.PRIVATE_APPS, Action.READ);
        yield PrivateApps.load(apps, caller.tenantId(), id).grants();
      }
      case PermissionSource.FromRole(var id) -> {
        Authorization.requireGrant(caller, DataModel.ROLES, Action.READ);
        yield roles.findById(caller.tenantId(), id)
            .orElseThrow(() -> new NotFoundException("roles/" + id + " not found"))
            .grants();
      }
    };
  }

  private static String sourceName(PermissionSource source) {
    return switch (source) {
      case PermissionSource.FromPrivateApp(var id) -> "privateApps/" + id;
      case PermissionSource.FromRole(var id) -> "roles/" + id;
    };
  }
}
