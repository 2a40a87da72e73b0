package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeletePrivateAppCommand;
import dev.latchkey.application.port.in.DeletePrivateAppUseCase;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;

/** Deletes private apps and, with them, their tokens. */
public final class DeletePrivateAppService extends InTenantService<DeletePrivateAppCommand, Void>
    implements DeletePrivateAppUseCase {
  private final Transactions transactions;
  private final PrivateAppRepository apps;
  private final ApiTokenRepository tokens;
  private final ChangeRecorder changes;
  private final InstantSource clock;

  @Inject
  public DeletePrivateAppService(
      Transactions transactions, PrivateAppRepository apps, ApiTokenRepository tokens, ChangeRecorder changes,
      InstantSource clock) {
    this.transactions = transactions;
    this.apps = apps;
    this.tokens = tokens;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  protected Void handle(Principal.TenantPrincipal caller, DeletePrivateAppCommand command) {
    var tenant = caller.tenantId();
    PrivateAppId id = command.id();
    return transactions.inTransaction(() -> {
      Instant now = clock.instant();
      if (!apps.delete(tenant, id, now)) {
        throw PrivateApps.notFound(id);
      }
      int revoked = tokens.deleteAllOf(tenant, new Actor.PrivateAppRef(id), now);
      changes.record(caller, tenant, now, new ChangeEvent.PrivateAppDeleted(id, revoked));
      return null;
    });
  }
}
