package dev.latchkey.application.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The loop a periodic {@link Worker} runs on: one virtual thread that runs a task, waits the delay
 * the task returns, and runs it again until {@link #stop}. The task handles its own failures (it
 * knows what to log and when to retry); one that escapes goes to the thread's uncaught-exception
 * handler and the loop goes on after {@code retry}.
 */
public final class PeriodicTask {
  private final Thread thread;
  private final Duration firstDelay;
  private final Supplier<Duration> task;
  private final Duration retry;
  private volatile boolean running = true;

  /**
   * @param firstDelay how long to wait before the first run
   * @param task runs once and returns how long to wait before the next run
   * @param retry the wait after a run that threw
   */
  public PeriodicTask(String name, Duration firstDelay, Supplier<Duration> task, Duration retry) {
    this.firstDelay = Objects.requireNonNull(firstDelay, "firstDelay");
    this.task = Objects.requireNonNull(task, "task");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
  }

  /** Runs {@code task} every {@code interval}, the first time one interval after {@link #start}. */
  public static PeriodicTask every(String name, Duration interval, Runnable task) {
    return new PeriodicTask(name, interval, () -> {
      task.run();
      return interval;
    }, interval);
  }

  public void start() {
    thread.start();
  }

  /** Ends the loop: a run in progress finishes, no further one starts. Waits up to {@code patience}. */
  public void stop(Duration patience) {
    running = false;
    thread.interrupt();
    if (thread.getState() == Thread.State.NEW) {
      return;
    }
    try {
      thread.join(patience);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Duration delay = firstDelay;
    while (running) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        return;
      }
      if (!running) {
        return;
      }
      try {
        delay = task.get();
      } catch (RuntimeException e) {
        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
        delay = retry;
      }
    }
  }
}
