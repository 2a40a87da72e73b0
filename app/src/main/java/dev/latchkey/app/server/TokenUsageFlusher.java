package dev.latchkey.app.server;

import dev.latchkey.application.service.CoalescingTokenUsage;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes coalesced last-use times periodically, and once more when the server stops. */
final class TokenUsageFlusher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TokenUsageFlusher.class);
  static final Duration INTERVAL = Duration.ofSeconds(15);

  private final CoalescingTokenUsage usage;
  private final Thread thread;
  private volatile boolean running = true;

  TokenUsageFlusher(CoalescingTokenUsage usage) {
    this.usage = usage;
    this.thread = Thread.ofVirtual().name("token-usage-flusher").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        Thread.sleep(INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
      flushQuietly();
    }
  }

  private void flushQuietly() {
    try {
      usage.flush();
    } catch (RuntimeException e) {
      log.warn("could not write last-use times (kept for the next try): {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushQuietly();
  }
}
