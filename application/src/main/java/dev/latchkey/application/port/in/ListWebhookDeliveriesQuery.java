package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.webhook.WebhookId;
import java.util.Objects;

/** A page of a webhook's delivery log, newest first. */
public record ListWebhookDeliveriesQuery(WebhookId webhook, PageQuery page) implements Request {
  public ListWebhookDeliveriesQuery {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(page, "page");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_WEBHOOK_DELIVERIES;
  }
}
