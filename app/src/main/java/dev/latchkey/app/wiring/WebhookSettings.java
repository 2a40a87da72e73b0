package dev.latchkey.app.wiring;

import dev.latchkey.domain.webhook.RetrySchedule;
import java.util.Objects;

/**
 * How webhooks are delivered on this server.
 *
 * @param allowPrivateTargets {@code --allow-private-webhook-targets}: no address check (development, tests)
 * @param retries the retry schedule; {@link RetrySchedule#STANDARD} except in tests
 */
public record WebhookSettings(boolean allowPrivateTargets, RetrySchedule retries) {
  public WebhookSettings {
    Objects.requireNonNull(retries, "retries");
  }
}
