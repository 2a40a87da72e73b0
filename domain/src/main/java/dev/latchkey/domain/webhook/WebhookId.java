package dev.latchkey.domain.webhook;

import dev.latchkey.domain.common.Uuids;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies a webhook within a tenant. Server-generated; printed as canonical lowercase UUID text. */
public record WebhookId(UUID value) {
  public WebhookId {
    Objects.requireNonNull(value, "value");
  }

  /** The id in {@code text}, if it is one the server could have handed out. */
  public static Optional<WebhookId> parse(String text) {
    return Uuids.parse(text).map(WebhookId::new);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
