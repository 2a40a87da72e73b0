package dev.latchkey.app.server;

import dev.latchkey.application.lifecycle.PeriodicTask;
import dev.latchkey.application.lifecycle.Worker;
import dev.latchkey.application.service.WebhookDispatcher;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox. It polls the outbox every quarter second while idle and goes on at
 * once while there is work, so the first attempt leaves well within 2 s of the commit on whichever
 * instance claims it first; the poll is one indexed query, cheaper and sturdier than a LISTEN
 * connection per instance. It purges delivery-log entries older than 30 days every ten minutes.
 */
public final class WebhookDispatchWorker implements Worker {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatchWorker.class);
  static final Duration IDLE_POLL = Duration.ofMillis(250);
  static final int BATCH = 100;
  static final Duration LOG_RETENTION = Duration.ofDays(30);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  private final WebhookDispatcher dispatcher;
  private final PeriodicTask loop;
  private long nextPurge = System.nanoTime();
  private boolean warned;

  @Inject
  public WebhookDispatchWorker(WebhookDispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.loop = new PeriodicTask("webhook-dispatcher", IDLE_POLL, this::runOnce, Duration.ofSeconds(1));
  }

  @Override
  public void start() {
    loop.start();
  }

  private Duration runOnce() {
    try {
      if (System.nanoTime() - nextPurge >= 0) {
        nextPurge = System.nanoTime() + PURGE_EVERY.toNanos();
        int purged = dispatcher.purgeLog(LOG_RETENTION);
        if (purged > 0) {
          log.info("purged {} webhook delivery-log entries older than {} days", purged, LOG_RETENTION.toDays());
        }
      }
      int claimed = dispatcher.deliverDue(BATCH);
      if (warned) {
        log.info("webhook deliveries running again");
        warned = false;
      }
      return claimed > 0 ? Duration.ZERO : IDLE_POLL;
    } catch (RuntimeException e) {
      if (!warned) {
        log.warn("webhook deliveries paused ({}); retrying", e.getMessage());
        warned = true;
      }
      return Duration.ofSeconds(1);
    }
  }

  @Override
  public void stop() {
    loop.stop(Duration.ofSeconds(15));
  }
}
