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
    // What a receiver echoing its request must not put into the delivery log.
    List<String> secrets = new ArrayList<>();
    webhook.basicAuth().ifPresent(basic -> {
      String credentials = Base64.getEncoder()
          .encodeToString((basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8));
      headers.add(Map.entry("authorization", "Basic " + credentials));
      secrets.add(credentials);
      secrets.add(basic.password());
    });
    for (WebhookHeader header : webhook.headers()) {
      headers.add(Map.entry(header.name(), header.value()));
      if (header.hidden()) {
        secrets.add(header.value());
      }
    }
    WebhookSender.Result result = sender.send(new WebhookSender.Request(webhook.url().uri(), headers, body));
    return new DeliveryAttempt(ids.newId(), webhook.tenantId(), webhook.id(), deliveryId, event.type(), attempt, now,
        result.status(), result.latency(), redacted(result.responseStart(), secrets), redacted(result.error(), secrets));
  }

  /** {@code text} with every occurrence of each of {@code secrets} replaced, longest first. */
  static String redacted(String text, List<String> secrets) {
    String out = text;
    for (String secret : secrets.stream().filter(s -> !s.isEmpty())
        .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList()) {
      out = out.replace(secret, "[redacted]");
    }
    return out;
  }
}
