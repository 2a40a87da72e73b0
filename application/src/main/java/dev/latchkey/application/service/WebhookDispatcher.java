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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Delivers what the outbox holds: claims runs of due deliveries, each run the next deliveries of one
 * webhook (several instances share the work through the database), attempts each run's deliveries
 * one after the other outside any transaction, and records each outcome: done, or a retry on the
 * schedule, and after about five days of nothing but failures the webhook is disabled (an audit
 * event, with the reason shown on the webhook). The caller runs many runs at once (one per webhook).
 */
public final class WebhookDispatcher {
  /** Longer than any one attempt: a claim no worker finished by then is retried by another. */
  static final Duration LEASE = Duration.ofMinutes(2);
  /**
   * A run starts no further attempt once less than this is left of its lease: more than one attempt's
   * timeout and its recording, so that no delivery is still in flight when its lease runs out.
   */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
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
   * Claims the next deliveries of up to {@code webhooks} webhooks, up to {@code perWebhook} each (see
   * {@link WebhookOutbox#claimRuns}); each run is to be passed to {@link #deliver}.
   */
  public List<Run> claim(int webhooks, int perWebhook) {
    Instant now = clock.instant();
    Instant leasedUntil = now.plus(LEASE);
    return transactions.inTransaction(() -> outbox.claimRuns(webhooks, perWebhook, now, LEASE)).stream()
        .map(deliveries -> new Run(deliveries, leasedUntil)).toList();
  }

  /**
   * One webhook's claimed deliveries, in the order they go out, and until when the claim holds.
   *
   * @param deliveries at least one, all of one webhook, in commit order
   */
  public record Run(List<WebhookOutbox.PendingDelivery> deliveries, Instant leasedUntil) {
    public Run {
      deliveries = List.copyOf(deliveries);
      if (deliveries.isEmpty()) {
        throw new IllegalArgumentException("a run holds at least one delivery");
      }
    }
  }

  /**
   * Attempts the deliveries of {@code run} one after the other, in order, and records each outcome as
   * it comes. The webhook is read (and its secrets opened) once per run. It stops early, giving the
   * rest back to the outbox for any worker to claim, when {@code goOn} turns false (the worker is
   * stopping) or when the claim's lease would run out before another attempt could end.
   *
   * @return how many were attempted (or dropped, for a webhook no longer enabled)
   * @throws RuntimeException if recording an attempt failed (database trouble): the rest of the run
   *     stays claimed until the lease runs out, then it is tried again
   */
  public int deliver(Run run, BooleanSupplier goOn) {
    List<WebhookOutbox.PendingDelivery> deliveries = run.deliveries();
    WebhookOutbox.PendingDelivery head = deliveries.getFirst();
    Optional<Webhook> found = webhooks.findById(head.tenant(), head.webhook())
        .filter(w -> w.state() == WebhookState.ENABLED);
    Optional<Instant> failingSince = found.flatMap(Webhook::failingSince);
    // Deliveries done in the common way (delivered while no failure run was known; or dropped),
    // recorded together when the run ends or before a failure is: one statement and one commit per
    // run, not per delivery. Until then they stay claimed; a worker that dies first has them
    // delivered again (at least once). The statement also ends a failure run that another instance
    // may have started meanwhile (a retry of an earlier event of the same webhook).
    List<DeliveryAttempt> done = new ArrayList<>();
    try {
      for (int i = 0; i < deliveries.size(); i++) {
        if (i > 0 && (!goOn.getAsBoolean() || !clock.instant().plus(LEASE_MARGIN).isBefore(run.leasedUntil()))) {
          outbox.finishAll(done);
          done.clear();
          outbox.release(deliveries.subList(i, deliveries.size()), run.leasedUntil());
          return i;
        }
        WebhookOutbox.PendingDelivery pending = deliveries.get(i);
        if (found.isEmpty()) {
          // Disabled (or deleted) since the event was queued: the event is dropped, visibly.
          done.add(new DeliveryAttempt(ids.newId(), pending.tenant(), pending.webhook(), pending.id(),
              pending.event().type(), pending.attempts() + 1, clock.instant(), Optional.empty(), Duration.ZERO, "",
              "not sent: the webhook is disabled"));
          continue;
        }
        int number = pending.attempts() + 1;
        DeliveryAttempt attempt = delivery.attempt(found.get(), pending.id(), pending.event(), pending.eventTime(),
            number);
        if (attempt.succeeded() && failingSince.isEmpty()) {
          done.add(attempt);
          continue;
        }
        // What went before is recorded first, so that the failure run ends and starts in the order
        // of the attempts.
        outbox.finishAll(done);
        done.clear();
        Outcome outcome = recordOutcome(found.get(), pending, attempt);
        failingSince = outcome.failingSince();
        if (outcome.disabled()) {
          found = Optional.empty();
        }
      }
    } finally {
      outbox.finishAll(done);
    }
    return deliveries.size();
  }

  /** Where a webhook's failure run stands after an attempt, and whether the attempt disabled it. */
  private record Outcome(Optional<Instant> failingSince, boolean disabled) {}

  /** Deletes delivery-log entries older than {@code retention}. */
  public int purgeLog(Duration retention) {
    return outbox.purgeLog(clock.instant().minus(retention));
  }

  /** Records an attempt that failed, or one that ends a run of failures. */
  private Outcome recordOutcome(Webhook webhook, WebhookOutbox.PendingDelivery pending, DeliveryAttempt attempt) {
    int number = attempt.attempt();
    Optional<Instant> retryAt = attempt.succeeded() ? Optional.empty()
        : schedule.delayAfter(number, random.nextDouble()).map(attempt.time()::plus);
    return transactions.inTransaction(() -> {
      outbox.finish(pending, attempt, retryAt);
      Optional<Instant> since = webhooks.noteOutcome(pending.tenant(), pending.webhook(), attempt.succeeded(),
          attempt.time());
      if (since.isPresent() && !since.get().plus(schedule.disableAfter()).isAfter(attempt.time())) {
        disable(webhook, since.get(), attempt);
        return new Outcome(since, true);
      }
      return new Outcome(since, false);
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
