package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeleteWebhookCommand;
import dev.latchkey.application.port.in.DeleteWebhookUseCase;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.time.InstantSource;

/** Deletes a webhook with its pending deliveries and its log. */
public final class DeleteWebhookService extends AccountHolderService<DeleteWebhookCommand, Void>
    implements DeleteWebhookUseCase {
  private final Transactions transactions;
  private final WebhookRepository webhooks;
  private final ChangeRecorder changes;
  private final InstantSource clock;

  @Inject
  public DeleteWebhookService(UserRepository users, Transactions transactions, WebhookRepository webhooks,
      ChangeRecorder changes, InstantSource clock) {
    super(users);
    this.transactions = transactions;
    this.webhooks = webhooks;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  protected Void handleForAccountHolder(Principal.TenantPrincipal caller, DeleteWebhookCommand command) {
    return transactions.inTransaction(() -> {
      if (!webhooks.delete(caller.tenantId(), command.id())) {
        throw Webhooks.notFound(command.id());
      }
      changes.record(caller, caller.tenantId(), clock.instant(), new ChangeEvent.WebhookDeleted(command.id()));
      return null;
    });
  }
}
