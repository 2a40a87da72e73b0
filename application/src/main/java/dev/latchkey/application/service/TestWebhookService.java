package dev.latchkey.application.service;

import dev.latchkey.application.port.in.TestWebhookCommand;
import dev.latchkey.application.port.in.TestWebhookUseCase;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.port.out.WebhookOutbox;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.webhook.Json;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookEvent;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a {@code webhook.test} event at once, whatever the webhook subscribes to and even while it
 * is disabled (that is how one checks a receiver before enabling it), and logs the attempt.
 */
public final class TestWebhookService extends AccountHolderService<TestWebhookCommand, DeliveryAttempt>
    implements TestWebhookUseCase {
  private final WebhookRepository webhooks;
  private final WebhookOutbox outbox;
  private final WebhookDelivery delivery;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public TestWebhookService(UserRepository users, WebhookRepository webhooks, WebhookOutbox outbox,
      WebhookDelivery delivery, IdGenerator ids, InstantSource clock) {
    super(users);
    this.webhooks = webhooks;
    this.outbox = outbox;
    this.delivery = delivery;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  protected DeliveryAttempt handleForAccountHolder(Principal.TenantPrincipal caller, TestWebhookCommand command) {
    // Outside any transaction: the receiver may take up to the sender's timeout to answer.
    Webhook webhook = Webhooks.load(webhooks, caller.tenantId(), command.id());
    Map<String, String> data = new LinkedHashMap<>();
    data.put("webhook", webhook.resourceName());
    data.put("requested_by", caller.actor().resourceName());
    WebhookEvent event = new WebhookEvent(WebhookEvent.TEST_TYPE, Json.object(data));
    DeliveryAttempt attempt = delivery.attempt(webhook, ids.newId(), event, clock.instant(), 1);
    outbox.log(attempt);
    return attempt;
  }
}
