package dev.latchkey.application.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The server's workers as one ordered list: {@link #start} starts them in order, {@link #stop}
 * stops those started in reverse order, so that a worker may rely on the ones before it (the
 * request-log writer outlives the calls that queue entries; the credential listener, started last,
 * turns the token cache on only once everything else runs).
 */
public final class Workers implements AutoCloseable {
  private final List<Worker> workers;
  private final Deque<Worker> started = new ArrayDeque<>();

  public Workers(List<Worker> workers) {
    this.workers = List.copyOf(workers);
  }

  /**
   * Starts every worker in order. If one fails to start, stops those already started (in reverse)
   * and rethrows.
   */
  public synchronized void start() {
    for (Worker worker : workers) {
      try {
        worker.start();
      } catch (RuntimeException e) {
        try {
          stop();
        } catch (RuntimeException stopping) {
          e.addSuppressed(stopping);
        }
        throw e;
      }
      started.push(worker);
    }
  }

  /**
   * Stops the started workers in reverse order, each even if one before it failed to stop; then
   * rethrows the first failure (the others suppressed by it).
   */
  public synchronized void stop() {
    RuntimeException failure = null;
    while (!started.isEmpty()) {
      Worker worker = started.pop();
      try {
        worker.stop();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
