package dev.latchkey.application.service;

import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.WebhookSender;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookEvent;
import dev.latchkey.domain.webhook.WebhookHeader;
import dev.latchkey.domain.webhook.WebhookSignature;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One attempt to deliver an event to a webhook: the JSON body, the Standard Webhooks headers
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature} with every signing secret
 * in force), Basic auth and the custom headers; the sender does the rest. What it returns is safe to
 * log: it holds what the receiver answered, never what was sent.
 */
public final class WebhookDelivery {
  private final WebhookSender sender;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public WebhookDelivery(WebhookSender sender, IdGenerator ids, InstantSource clock) {
    this.sender = sender;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Sends attempt number {@code attempt} of delivery {@code deliveryId} of {@code event}, which
   * happened at {@code eventTime}.
   */
  public DeliveryAttempt attempt(Webhook webhook, UUID deliveryId, WebhookEvent event, Instant eventTime, int attempt) {
    Instant now = clock.instant();
    String messageId = "msg_" + deliveryId.toString().replace("-", "");
    long timestamp = now.getEpochSecond();
    String body = event.body(DateTimeFormatter.ISO_INSTANT.format(eventTime.truncatedTo(ChronoUnit.MILLIS)));
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    headers.add(Map.entry("content-type", "application/json"));
    headers.add(Map.entry("webhook-id", messageId));
    headers.add(Map.entry("webhook-timestamp", Long.toString(timestamp)));
    headers.add(Map.entry("webhook-signature",
        WebhookSignature.header(webhook.signing().signingAt(now), messageId, timestamp,
            body.getBytes(StandardCharsets.UTF_8))));
    webhook.basicAuth().ifPresent(basic -> headers.add(Map.entry("authorization", "Basic " + Base64.getEncoder()
        .encodeToString((basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8)))));
    for (WebhookHeader header : webhook.headers()) {
      headers.add(Map.entry(header.name(), header.value()));
    }
    WebhookSender.Result result = sender.send(new WebhookSender.Request(webhook.url().uri(), headers, body));
    return new DeliveryAttempt(ids.newId(), webhook.tenantId(), webhook.id(), deliveryId, event.type(), attempt, now,
        result.status(), result.latency(), result.responseStart(), result.error());
  }
}
