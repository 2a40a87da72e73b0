package dev.latchkey.domain.webhook;

import dev.latchkey.domain.change.Versioned;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's subscription: which events go to which URL, with which credentials. Holds its secrets
 * (Basic password, hidden header values, signing keys) in the clear in memory; they are encrypted at
 * rest and never returned after creation ({@link #toString} redacts them).
 *
 * @param eventTypes sorted, each once
 * @param disabledReason why the server disabled it; empty when enabled or disabled by a person
 * @param failingSince when the current run of failed deliveries began; empty after a success
 */
public record Webhook(
    TenantId tenantId,
    WebhookId id,
    DisplayName displayName,
    WebhookUrl url,
    List<String> eventTypes,
    Optional<BasicAuth> basicAuth,
    List<WebhookHeader> headers,
    SigningKeys signing,
    WebhookState state,
    String disabledReason,
    Optional<Instant> failingSince,
    Instant createTime,
    Instant updateTime,
    Actor creator,
    long version) implements Versioned {
  public static final int MAX_EVENT_TYPES = 200;
  public static final int MAX_HEADERS = 20;

  public Webhook {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(url, "url");
    eventTypes = eventTypes.stream().distinct().sorted().toList();
    Objects.requireNonNull(basicAuth, "basicAuth");
    headers = List.copyOf(headers);
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(disabledReason, "disabledReason");
    Objects.requireNonNull(failingSince, "failingSince");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(updateTime, "updateTime");
    Objects.requireNonNull(creator, "creator");
  }

  @Override
  public String resourceName() {
    return "webhooks/" + id;
  }

  public boolean subscribesTo(String eventType) {
    return state == WebhookState.ENABLED && eventTypes.contains(eventType);
  }

  /** The next version, changed by {@code edit}, at {@code at}. */
  public Webhook next(Instant at, java.util.function.UnaryOperator<Webhook> edit) {
    Webhook edited = edit.apply(this);
    return new Webhook(tenantId, id, edited.displayName, edited.url, edited.eventTypes, edited.basicAuth,
        edited.headers, edited.signing, edited.state, edited.disabledReason, edited.failingSince, createTime, at,
        creator, version + 1);
  }

  public Webhook withDisplayName(DisplayName value) {
    return new Webhook(tenantId, id, value, url, eventTypes, basicAuth, headers, signing, state, disabledReason,
        failingSince, createTime, updateTime, creator, version);
  }

  public Webhook withUrl(WebhookUrl value) {
    return new Webhook(tenantId, id, displayName, value, eventTypes, basicAuth, headers, signing, state,
        disabledReason, failingSince, createTime, updateTime, creator, version);
  }

  public Webhook withEventTypes(List<String> value) {
    return new Webhook(tenantId, id, displayName, url, value, basicAuth, headers, signing, state, disabledReason,
        failingSince, createTime, updateTime, creator, version);
  }

  public Webhook withBasicAuth(Optional<BasicAuth> value) {
    return new Webhook(tenantId, id, displayName, url, eventTypes, value, headers, signing, state, disabledReason,
        failingSince, createTime, updateTime, creator, version);
  }

  public Webhook withHeaders(List<WebhookHeader> value) {
    return new Webhook(tenantId, id, displayName, url, eventTypes, basicAuth, value, signing, state, disabledReason,
        failingSince, createTime, updateTime, creator, version);
  }

  public Webhook withSigning(SigningKeys value) {
    return new Webhook(tenantId, id, displayName, url, eventTypes, basicAuth, headers, value, state, disabledReason,
        failingSince, createTime, updateTime, creator, version);
  }

  /** In {@code value}; enabling clears the reason and the failure run, so the five days start afresh. */
  public Webhook withState(WebhookState value, String reason) {
    return new Webhook(tenantId, id, displayName, url, eventTypes, basicAuth, headers, signing, value,
        value == WebhookState.ENABLED ? "" : reason,
        value == WebhookState.ENABLED ? Optional.empty() : failingSince, createTime, updateTime, creator, version);
  }

  @Override
  public String toString() {
    return "Webhook[" + resourceName() + ", " + url + ", " + eventTypes + ", " + state + ", secrets redacted]";
  }
}
