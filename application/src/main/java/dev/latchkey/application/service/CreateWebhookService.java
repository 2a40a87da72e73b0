package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateWebhookCommand;
import dev.latchkey.application.port.in.CreateWebhookUseCase;
import dev.latchkey.application.port.in.CreatedWebhook;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.SigningSecretGenerator;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.webhook.SigningKeys;
import dev.latchkey.domain.webhook.SigningSecret;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** Creates a webhook with a fresh signing secret. */
public final class CreateWebhookService extends AccountHolderService<CreateWebhookCommand, CreatedWebhook>
    implements CreateWebhookUseCase {
  private final Transactions transactions;
  private final WebhookRepository webhooks;
  private final IdGenerator ids;
  private final SigningSecretGenerator secrets;
  private final ChangeRecorder changes;
  private final InstantSource clock;

  @Inject
  public CreateWebhookService(UserRepository users, Transactions transactions, WebhookRepository webhooks,
      IdGenerator ids, SigningSecretGenerator secrets, ChangeRecorder changes, InstantSource clock) {
    super(users);
    this.transactions = transactions;
    this.webhooks = webhooks;
    this.ids = ids;
    this.secrets = secrets;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  protected CreatedWebhook handleForAccountHolder(Principal.TenantPrincipal caller, CreateWebhookCommand command) {
    Webhooks.checkEventTypes(command.eventTypes(), "webhook.event_types");
    SigningSecret secret = secrets.newSigningSecret();
    return transactions.inTransaction(() -> {
      Instant now = clock.instant();
      Webhook webhook = new Webhook(caller.tenantId(), new WebhookId(ids.newId()), command.displayName(),
          command.url(), command.eventTypes(), command.basicAuth(), command.headers(), SigningKeys.of(secret),
          command.state(), "", Optional.empty(), now, now, caller.actor(), 1);
      webhooks.insert(webhook);
      changes.record(caller, caller.tenantId(), now, new ChangeEvent.WebhookCreated(webhook));
      return new CreatedWebhook(webhook, secret);
    });
  }
}
