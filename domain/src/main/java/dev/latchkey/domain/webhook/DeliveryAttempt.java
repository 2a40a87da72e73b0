package dev.latchkey.domain.webhook;

import dev.latchkey.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One attempt to deliver an event, as the delivery log shows it. Never holds a secret: the request's
 * headers are not logged, only what the receiver answered.
 *
 * @param deliveryId the Standard Webhooks message id's UUID, shared by every attempt of one delivery
 * @param status the HTTP status; empty when no response came (refused, unreachable, timed out)
 * @param responseStart the first bytes of the response body, as text
 * @param error why the attempt failed; empty on success
 */
public record DeliveryAttempt(UUID id, TenantId tenant, WebhookId webhook, UUID deliveryId, String eventType,
    int attempt, Instant time, Optional<Integer> status, Duration latency, String responseStart, String error) {
  public DeliveryAttempt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(responseStart, "responseStart");
    Objects.requireNonNull(error, "error");
  }

  public boolean succeeded() {
    return error.isEmpty();
  }

  /** The {@code webhook-id} header of this delivery. */
  public String messageId() {
    return "msg_" + deliveryId.toString().replace("-", "");
  }
}
