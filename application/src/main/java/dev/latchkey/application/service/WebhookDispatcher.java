package dev.latchkey.application.service;

import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.application.port.out.WebhookOutbox;
import dev.latchkey.application.port.out.WebhookRepository;
import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.webhook.DeliveryAttempt;
import dev.latchkey.domain.webhook.RetrySchedule;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;

/**
 * Delivers what the outbox holds: claims due deliveries (several instances share the work through
 * the database), attempts each outside any transaction, and records the outcome: done, or a retry
 * on the schedule, and after about five days of nothing but failures the webhook is disabled (an
 * audit event, with the reason shown on the webhook).
 */
public final class WebhookDispatcher {
  /** Longer than any one attempt: a claim no worker finished by then is retried by another. */
  static final Duration LEASE = Duration.ofMinutes(2);
  private static final Principal SERVER = new Principal.OperatorPrincipal();

  private final Transactions transactions;
  private final WebhookOutbox outbox;
  private final WebhookRepository webhooks;
  private final WebhookDelivery delivery;
  private final VersionedUpdate update;
  private final InstantSource clock;
  private final RetrySchedule schedule;
  private final RandomGenerator random;
  private final IdGenerator ids;

  @Inject
  public WebhookDispatcher(Transactions transactions, WebhookOutbox outbox, WebhookRepository webhooks,
      WebhookDelivery delivery, VersionedUpdate update, InstantSource clock, RetrySchedule schedule,
      RandomGenerator random, IdGenerator ids) {
    this.ids = ids;
    this.transactions = transactions;
    this.outbox = outbox;
    this.webhooks = webhooks;
    this.delivery = delivery;
    this.update = update;
    this.clock = clock;
    this.schedule = schedule;
    this.random = random;
  }

  /**
   * Claims up to {@code max} due deliveries and attempts them concurrently (at most one per webhook,
   * so each webhook's events go out in order); returns once all are recorded.
   *
   * @return how many were claimed
   * @throws RuntimeException the first failure to record an attempt, once all have been tried
   */
  public int deliverDue(int max) {
    Instant now = clock.instant();
    List<WebhookOutbox.PendingDelivery> claimed = transactions.inTransaction(() -> outbox.claim(max, now, LEASE));
    List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (WebhookOutbox.PendingDelivery pending : claimed) {
        executor.execute(() -> {
          try {
            deliver(pending);
          } catch (RuntimeException e) {
            // Recording failed (database trouble): the lease runs out and the delivery is tried again.
            failures.add(e);
          }
        });
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.getFirst();
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
    return claimed.size();
  }

  /** Deletes delivery-log entries older than {@code retention}. */
  public int purgeLog(Duration retention) {
    return outbox.purgeLog(clock.instant().minus(retention));
  }

  private void deliver(WebhookOutbox.PendingDelivery pending) {
    Optional<Webhook> found = webhooks.findById(pending.tenant(), pending.webhook());
    int number = pending.attempts() + 1;
    if (found.isEmpty() || found.get().state() != WebhookState.ENABLED) {
      // Disabled since the event was queued: the event is dropped, visibly.
      outbox.finish(pending, new DeliveryAttempt(ids.newId(), pending.tenant(), pending.webhook(), pending.id(),
          pending.event().type(), number, clock.instant(), Optional.empty(), Duration.ZERO, "",
          "not sent: the webhook is disabled"), Optional.empty());
      return;
    }
    DeliveryAttempt attempt = delivery.attempt(found.get(), pending.id(), pending.event(), pending.eventTime(), number);
    if (attempt.succeeded() && found.get().failingSince().isEmpty()) {
      // The common case: one statement (log the attempt, drop the row), no failure run to end.
      outbox.finish(pending, attempt, Optional.empty());
      return;
    }
    Optional<Instant> retryAt = attempt.succeeded() ? Optional.empty()
        : schedule.delayAfter(number, random.nextDouble()).map(attempt.time()::plus);
    transactions.inTransaction(() -> {
      outbox.finish(pending, attempt, retryAt);
      Optional<Instant> failingSince = webhooks.noteOutcome(pending.tenant(), pending.webhook(), attempt.succeeded(),
          attempt.time());
      if (failingSince.isPresent() && !failingSince.get().plus(schedule.disableAfter()).isAfter(attempt.time())) {
        disable(found.get(), failingSince.get(), attempt);
      }
      return null;
    });
  }

  private void disable(Webhook webhook, Instant failingSince, DeliveryAttempt last) {
    String reason = "disabled by Latchkey: every delivery since " + failingSince + " failed (last: " + last.error()
        + "); fix the receiver, then enable the webhook again";
    update.run(SERVER, OptionalLong.empty(), VersionedUpdate.steps(
        () -> Webhooks.load(webhooks, webhook.tenantId(), webhook.id()),
        (current, now) -> current.state() != WebhookState.ENABLED ? Optional.empty()
            : Optional.of(new Change<>(current.next(now, w -> w.withState(WebhookState.DISABLED, reason)),
                new ChangeEvent.WebhookAutoDisabled(current.id(), reason))),
        webhooks::update));
  }
}
