package dev.latchkey.app.server;

import dev.latchkey.application.lifecycle.PeriodicTask;
import dev.latchkey.application.lifecycle.Worker;
import dev.latchkey.application.service.CoalescingTokenUsage;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes coalesced last-use times periodically, and once more when it stops. */
public final class TokenUsageFlusher implements Worker {
  private static final Logger log = LoggerFactory.getLogger(TokenUsageFlusher.class);
  static final Duration INTERVAL = Duration.ofSeconds(15);

  private final CoalescingTokenUsage usage;
  private final PeriodicTask loop;

  @Inject
  public TokenUsageFlusher(CoalescingTokenUsage usage) {
    this.usage = usage;
    this.loop = PeriodicTask.every("token-usage-flusher", INTERVAL, this::flushQuietly);
  }

  @Override
  public void start() {
    loop.start();
  }

  private void flushQuietly() {
    try {
      usage.flush();
    } catch (RuntimeException e) {
      log.warn("could not write last-use times (kept for the next try): {}", e.getMessage());
    }
  }

  @Override
  public void stop() {
    loop.stop(Duration.ofSeconds(5));
    flushQuietly();
  }
}
