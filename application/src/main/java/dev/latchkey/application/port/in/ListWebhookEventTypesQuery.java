package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;

/** The event types a webhook can subscribe to. */
public record ListWebhookEventTypesQuery() implements Request {
  @Override
  public Operation operation() {
    return Operation.LIST_WEBHOOK_EVENT_TYPES;
  }
}
