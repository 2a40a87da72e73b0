package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.WebhookOutbox;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.webhook.WebhookEvent;
import dev.latchkey.domain.webhook.WebhookId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the webhook events queued, in order (rolled back with their transaction: register it with
 * {@link FakeTransactions}); delivery itself is the PostgreSQL outbox's, tested against the real
 * database, so this fake claims nothing.
 */
public final class RecordingWebhookOutbox implements WebhookOutbox, Snapshottable {
  /** One queued event. */
  public record Queued(TenantId tenant, WebhookEvent event, Instant at) {}

  private final List<Queued> queued = new CopyOnWriteArrayList<>();
  private final List<DeliveryAttempt> log = new CopyOnWriteArrayList<>();

  @Override
  public int enqueue(TenantId tenant, WebhookEvent event, Instant at) {
    queued.add(new Queued(tenant, event, at));
    return 0;
  }

  public List<Queued> queued() {
    return List.copyOf(queued);
  }

  @Override
  public List<List<PendingDelivery>> claimRuns(int webhooks, int perWebhook, Instant now, Duration lease) {
    return List.of();
  }

  @Override
  public void release(List<PendingDelivery> deliveries, Instant leasedUntil) {}

  @Override
  public void finish(PendingDelivery delivery, DeliveryAttempt attempt, Optional<Instant> retryAt) {
    log.add(attempt);
  }

  @Override
  public void finishAll(List<DeliveryAttempt> attempts) {
    log.addAll(attempts);
  }

  @Override
  public void log(DeliveryAttempt attempt) {
    log.add(attempt);
  }

  @Override
  public Page<DeliveryAttempt> attempts(TenantId tenant, WebhookId webhook, PageRequest request) {
    return new Page<>(log.stream().filter(a -> a.tenant().equals(tenant) && a.webhook().equals(webhook))
        .limit(request.size()).toList(), Optional.empty());
  }

  @Override
  public int purgeLog(Instant before) {
    return 0;
  }

  @Override
  public Runnable snapshot() {
    int size = queued.size();
    return () -> {
      while (queued.size() > size) {
        queued.removeLast();
      }
    };
  }
}
