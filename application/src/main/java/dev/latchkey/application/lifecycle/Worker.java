package dev.latchkey.application.lifecycle;

/**
 * Work that runs outside any call (writers, flushers, listeners, maintenance), started once the
 * server is wired and stopped once its calls have drained. The server runs its workers as one
 * ordered list ({@link Workers}): started in order, stopped in reverse.
 */
public interface Worker extends AutoCloseable {
  /** Starts the work in the background and returns; called once. */
  void start();

  /**
   * Finishes what must not be lost (writes what is queued, flushes what is pending) and returns
   * once the work has stopped, within a bounded time. Safe to call twice, or without {@link #start}.
   */
  void stop();

  /** {@link #stop}, for try-with-resources. */
  @Override
  default void close() {
    stop();
  }
}
