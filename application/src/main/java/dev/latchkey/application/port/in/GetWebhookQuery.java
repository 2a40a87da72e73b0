package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.webhook.WebhookId;
import java.util.Objects;

/** A webhook of the caller's tenant. */
public record GetWebhookQuery(WebhookId id) implements Request {
  public GetWebhookQuery {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.GET_WEBHOOK;
  }
}
