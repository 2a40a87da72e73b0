package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.webhook.WebhookId;
import java.util.Objects;

/** Sends a webhook.test event to a webhook now. */
public record TestWebhookCommand(WebhookId id) implements Request {
  public TestWebhookCommand {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.TEST_WEBHOOK;
  }
}
