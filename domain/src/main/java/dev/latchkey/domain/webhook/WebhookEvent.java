package dev.latchkey.domain.webhook;

import java.util.Objects;

/**
 * What a webhook receives about one change: its type (e.g. {@code api_token.created}) and its data,
 * a JSON object. The delivery wraps it as {@code {"type", "timestamp", "data"}}.
 */
public record WebhookEvent(String type, String dataJson) {
  /** The type {@code TestWebhook} sends; no subscription is needed for it. */
  public static final String TEST_TYPE = "webhook.test";

  public WebhookEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dataJson, "dataJson");
  }

  /** The request body for this event at {@code timestamp} (RFC 3339). */
  public String body(String timestamp) {
    return "{\"type\":" + Json.string(type) + ",\"timestamp\":" + Json.string(timestamp) + ",\"data\":" + dataJson
        + "}";
  }
}
