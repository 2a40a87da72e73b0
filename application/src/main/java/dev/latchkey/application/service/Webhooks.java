package dev.latchkey.application.service;

import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.permission.WebhookEventTypes;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookId;
import java.util.ArrayList;
import java.util.List;

/** Loading a webhook the caller named, and checking event types, the same way everywhere. */
final class Webhooks {
  private Webhooks() {}

  /**
   * The webhook {@code id} of {@code tenant}.
   *
   * @throws NotFoundException if there is none (absent, deleted, or of another tenant)
   */
  static Webhook load(WebhookRepository webhooks, TenantId tenant, WebhookId id) {
    return webhooks.findById(tenant, id).orElseThrow(() -> notFound(id));
  }

  static NotFoundException notFound(WebhookId id) {
    return new NotFoundException("webhooks/" + id + " not found");
  }

  /**
   * Returns normally when {@code types} are 1 to {@link Webhook#MAX_EVENT_TYPES} known event types.
   *
   * @throws InvalidArgumentException naming each unknown one
   */
  static void checkEventTypes(List<String> types, String field) {
    if (types.isEmpty()) {
      throw new InvalidArgumentException(field, "must name at least one event type (see ListWebhookEventTypes)");
    }
    if (types.size() > Webhook.MAX_EVENT_TYPES) {
      throw new InvalidArgumentException(field, "at most " + Webhook.MAX_EVENT_TYPES + " event types");
    }
    List<FieldViolation> violations = new ArrayList<>();
    int found = 0;
    for (int i = 0; i < types.size(); i++) {
      if (!WebhookEventTypes.isKnown(types.get(i))) {
        found++;
        if (violations.size() < InvalidArgumentException.MAX_REPORTED) {
          String type = types.get(i);
          violations.add(new FieldViolation(field + "[" + i + "]", "unknown event type '"
              + (type.length() > 64 ? type.substring(0, 64) + "..." : type) + "' (see ListWebhookEventTypes)"));
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidArgumentException(violations, found);
    }
  }
}
