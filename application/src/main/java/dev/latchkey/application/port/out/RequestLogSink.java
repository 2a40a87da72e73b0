package dev.latchkey.application.port.out;

import dev.latchkey.domain.requestlog.RequestLogEntry;

/** Where request-log entries go, off the request path. */
public interface RequestLogSink {
  /**
   * Queues {@code entry} for writing. Blocks while the queue is full (push-back), never drops.
   *
   * @throws IllegalStateException once the sink is closed
   */
  void record(RequestLogEntry entry) throws InterruptedException;
}
