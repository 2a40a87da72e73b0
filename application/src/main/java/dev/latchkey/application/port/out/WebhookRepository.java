package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookId;
import java.time.Instant;
import java.util.Optional;

/**
 * Stored webhooks, always within their tenant, their secrets encrypted at rest by the adapter.
 * Writes join the caller's transaction.
 */
public interface WebhookRepository {
  void insert(Webhook webhook);

  Optional<Webhook> findById(TenantId tenantId, WebhookId id);

  /** A tenant's webhooks, newest first; the cursor is the last id of the previous page. */
  Page<Webhook> list(TenantId tenantId, PageRequest request);

  /** Stores {@code webhook} if the stored one still has version {@code webhook.version() - 1}. */
  boolean update(Webhook webhook);

  /** Deletes the webhook with its pending deliveries and its delivery log; false if it was not there. */
  boolean delete(TenantId tenantId, WebhookId id);

  /**
   * Notes the outcome of a delivery for the failure run that leads to automatic disabling: a success
   * ends the run, a failure starts one at {@code at} unless one is going on.
   *
   * @return when the current run of failures began; empty after a success
   */
  Optional<Instant> noteOutcome(TenantId tenantId, WebhookId id, boolean success, Instant at);
}
