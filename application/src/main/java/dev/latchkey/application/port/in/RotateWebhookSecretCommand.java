package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.webhook.WebhookId;
import java.util.Objects;

/** Gives a webhook a new signing secret; the old one keeps signing for 24 hours. */
public record RotateWebhookSecretCommand(WebhookId id) implements Request {
  public RotateWebhookSecretCommand {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.ROTATE_WEBHOOK_SECRET;
  }
}
