package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.webhook.WebhookEvent;
import dev.latchkey.domain.webhook.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional outbox of webhook deliveries and their log. Events are fanned out when the
 * change is written: one pending delivery per enabled webhook subscribed to the event's type,
 * inserted in the change's transaction, so that there is no change without its deliveries and no
 * delivery without its change. Workers on any number of instances claim runs of due deliveries, a
 * webhook's next ones in order (a webhook another worker is claiming is skipped, and a delivery in
 * flight is claimed by no one else), and report each attempt.
 */
public interface WebhookOutbox {
  /**
   * Queues {@code event}, which happened at {@code at}, for every enabled webhook of {@code tenant}
   * subscribed to its type; joins the current transaction.
   *
   * @return how many deliveries were queued
   */
  int enqueue(TenantId tenant, WebhookEvent event, Instant at);

  /**
   * Queues {@code events}, which happened together at {@code at}, in their order, as {@link
   * #enqueue} does each; one statement where the store can (a batch of record changes).
   *
   * @return how many deliveries were queued
   */
  default int enqueueAll(TenantId tenant, List<WebhookEvent> events, Instant at) {
    int queued = 0;
    for (WebhookEvent event : events) {
      queued += enqueue(tenant, event, at);
    }
    return queued;
  }

  /**
   * Claims the next deliveries of up to {@code webhooks} webhooks with deliveries due at {@code now},
   * those waiting longest first, and hides them from other workers for {@code lease}: if this worker
   * dies, another one retries them then. Each run holds up to {@code perWebhook} deliveries of one
   * webhook in commit order, to be attempted one after the other in that order: a webhook's due
   * deliveries up to the first one that is in flight (claimed by anyone) or not yet due; a delivery
   * waiting for its retry neither joins a run nor holds the later ones back. No two claims, on any
   * instance, return the same delivery while its lease runs.
   */
  List<List<PendingDelivery>> claimRuns(int webhooks, int perWebhook, Instant now, Duration lease);

  /** {@link #claimRuns} with runs of one: up to {@code max} deliveries, at most one per webhook. */
  default List<PendingDelivery> claim(int max, Instant now, Duration lease) {
    return claimRuns(max, 1, now, lease).stream().flatMap(List::stream).toList();
  }

  /**
   * Gives back claimed deliveries that were not attempted, so that any worker may claim them at once;
   * only those whose lease still runs until {@code leasedUntil} (not claimed again meanwhile).
   */
  void release(List<PendingDelivery> deliveries, Instant leasedUntil);

  /**
   * Logs {@code attempt} of {@code delivery}; with a retry time the delivery waits until then,
   * without one it is done (delivered, or given up).
   */
  void finish(PendingDelivery delivery, DeliveryAttempt attempt, Optional<Instant> retryAt);

  /**
   * Logs each of {@code attempts} and marks its delivery (named by its {@code deliveryId}) done:
   * delivered, or given up. What {@link #finish} without a retry time does, for many at once in one
   * statement; a successful attempt also ends its webhook's run of failures, as {@link
   * WebhookRepository#noteOutcome} does.
   */
  void finishAll(List<DeliveryAttempt> attempts);

  /** Logs an attempt made outside the outbox ({@code TestWebhook}). */
  void log(DeliveryAttempt attempt);

  /** A webhook's delivery log, newest first. */
  Page<DeliveryAttempt> attempts(TenantId tenant, WebhookId webhook, PageRequest request);

  /** Deletes log entries older than {@code before}; returns how many. */
  int purgeLog(Instant before);

  /**
   * One event on its way to one webhook.
   *
   * @param id the Standard Webhooks message id's UUID: the same for every attempt of this delivery
   * @param attempts how many attempts were made before this claim
   */
  record PendingDelivery(UUID id, TenantId tenant, WebhookId webhook, WebhookEvent event, Instant eventTime,
      int attempts) {}
}
