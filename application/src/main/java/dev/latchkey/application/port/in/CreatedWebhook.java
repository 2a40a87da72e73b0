package dev.latchkey.application.port.in;

import dev.latchkey.domain.webhook.SigningSecret;
import dev.latchkey.domain.webhook.Webhook;
import java.util.Objects;

/** A webhook and its new signing secret: the only time the secret is handed out. */
public record CreatedWebhook(Webhook webhook, SigningSecret secret) {
  public CreatedWebhook {
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(secret, "secret");
  }
}
