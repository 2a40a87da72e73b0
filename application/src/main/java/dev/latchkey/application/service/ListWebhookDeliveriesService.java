package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ListWebhookDeliveriesQuery;
import dev.latchkey.application.port.in.ListWebhookDeliveriesUseCase;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.application.port.out.WebhookOutbox;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import jakarta.inject.Inject;

/** A webhook's delivery log, newest first. */
public final class ListWebhookDeliveriesService
    extends AccountHolderService<ListWebhookDeliveriesQuery, Page<DeliveryAttempt>>
    implements ListWebhookDeliveriesUseCase {
  private final WebhookRepository webhooks;
  private final WebhookOutbox outbox;

  @Inject
  public ListWebhookDeliveriesService(UserRepository users, WebhookRepository webhooks, WebhookOutbox outbox) {
    super(users);
    this.webhooks = webhooks;
    this.outbox = outbox;
  }

  @Override
  protected Page<DeliveryAttempt> handleForAccountHolder(
      Principal.TenantPrincipal caller, ListWebhookDeliveriesQuery query) {
    Webhooks.load(webhooks, caller.tenantId(), query.webhook());
    String scope = "webhookDeliveries:" + query.webhook();
    return Paging.withPageToken(scope,
        outbox.attempts(caller.tenantId(), query.webhook(), Paging.uuidCursorRequest(scope, query.page())));
  }
}
