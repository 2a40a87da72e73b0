package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.webhook.WebhookId;
import java.util.Objects;

/** Deletes a webhook, its pending deliveries and its delivery log. */
public record DeleteWebhookCommand(WebhookId id) implements Request {
  public DeleteWebhookCommand {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.DELETE_WEBHOOK;
  }
}
