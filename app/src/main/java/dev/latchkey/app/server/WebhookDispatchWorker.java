package dev.latchkey.app.server;

import dev.latchkey.application.lifecycle.Worker;
import dev.latchkey.application.service.WebhookDispatcher;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox, pipelined: up to {@link #LANES} webhooks at once, each lane a virtual
 * thread that attempts one claimed run (up to {@link #RUN} of one webhook's deliveries, in order) and
 * frees its lane; whenever a lane is free the loop claims more, so no delivery waits for the slowest
 * of a batch. While nothing more can be claimed it waits until a lane frees or a quarter second has
 * passed, so the first attempt leaves well within 2 s of the commit on whichever instance claims it
 * first; the poll is one indexed query, cheaper and sturdier than a LISTEN connection per instance.
 * It purges delivery-log entries older than 30 days every ten minutes.
 */
public final class WebhookDispatchWorker implements Worker {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatchWorker.class);
  static final Duration IDLE_POLL = Duration.ofMillis(250);
  /** Webhooks delivered to at once; each lane uses a database connection only while it records. */
  static final int LANES = 128;
  /** Deliveries of one webhook claimed together and attempted one after the other. */
  static final int RUN = 25;
  static final Duration LOG_RETENTION = Duration.ofDays(30);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(15);

  private final WebhookDispatcher dispatcher;
  private final Semaphore lanes = new Semaphore(LANES);
  /** Released whenever a lane frees: the loop may claim again. */
  private final Semaphore laneFreed = new Semaphore(0);
  private final ExecutorService runs = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("webhook-delivery-", 0).factory());
  private final Thread loop;
  private volatile boolean running = true;
  private long nextPurge = System.nanoTime();
  private boolean warned;

  @Inject
  public WebhookDispatchWorker(WebhookDispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.loop = Thread.ofVirtual().name("webhook-dispatcher").unstarted(this::run);
  }

  @Override
  public void start() {
    loop.start();
  }

  private void run() {
    try {
      Thread.sleep(IDLE_POLL);
      while (running) {
        Duration wait = runOnce();
        if (!wait.isZero()) {
          laneFreed.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
          laneFreed.drainPermits();
        }
      }
    } catch (InterruptedException e) {
      // stopping
    }
  }

  /** One claim for the free lanes; returns how long to wait before the next, at most. */
  private Duration runOnce() throws InterruptedException {
    lanes.acquire();
    int free = 1 + lanes.drainPermits();
    List<WebhookDispatcher.Run> claimed = List.of();
    try {
      if (System.nanoTime() - nextPurge >= 0) {
        nextPurge = System.nanoTime() + PURGE_EVERY.toNanos();
        int purged = dispatcher.purgeLog(LOG_RETENTION);
        if (purged > 0) {
          log.info("purged {} webhook delivery-log entries older than {} days", purged, LOG_RETENTION.toDays());
        }
      }
      claimed = dispatcher.claim(free, RUN);
      if (warned) {
        log.info("webhook deliveries running again");
        warned = false;
      }
    } catch (RuntimeException e) {
      if (!warned) {
        log.warn("webhook deliveries paused ({}); retrying", e.getMessage());
        warned = true;
      }
      lanes.release(free);
      return Duration.ofSeconds(1);
    }
    lanes.release(free - claimed.size());
    for (WebhookDispatcher.Run run : claimed) {
      runs.execute(() -> deliver(run));
    }
    // Every lane busy: the next claim waits for one to free (lanes.acquire). Fewer claimed than free
    // lanes: nothing else was due, so wait for a lane to free (its webhook may have more) or a poll.
    return claimed.size() == free ? Duration.ZERO : IDLE_POLL;
  }

  private void deliver(WebhookDispatcher.Run run) {
    try {
      dispatcher.deliver(run, () -> running);
    } catch (RuntimeException e) {
      // Recording failed (database trouble): the lease runs out and the rest is tried again.
      log.warn("webhook deliveries of a run not recorded ({}); they are retried when their claim expires",
          e.getMessage());
    } finally {
      lanes.release();
      laneFreed.release();
    }
  }

  /** Claims no more; each run finishes the attempt in flight and gives the rest back to the outbox. */
  @Override
  public void stop() {
    running = false;
    loop.interrupt();
    try {
      if (loop.getState() != Thread.State.NEW) {
        loop.join(STOP_PATIENCE);
      }
      runs.shutdown();
      if (!runs.awaitTermination(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("webhook deliveries still in flight after {} s; their claims expire and they are retried",
            STOP_PATIENCE.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
