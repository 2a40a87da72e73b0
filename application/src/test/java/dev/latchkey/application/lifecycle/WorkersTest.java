package dev.latchkey.application.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkersTest {
  private final List<String> events = new CopyOnWriteArrayList<>();

  @Test
  void workersStartInOrderAndStopInReverse() {
    Workers workers = new Workers(List.of(worker("health"), worker("writer"), worker("listener")));

    workers.start();
    workers.stop();

    assertThat(events).containsExactly("start health", "start writer", "start listener",
        "stop listener", "stop writer", "stop health");
  }

  @Test
  void aWorkerThatFailsToStartStopsThoseStartedBeforeItInReverse() {
    Workers workers = new Workers(List.of(worker("health"), worker("writer"), failingToStart("listener"),
        worker("never")));

    assertThatThrownBy(workers::start).hasMessage("listener cannot start");

    assertThat(events).containsExactly("start health", "start writer", "stop writer", "stop health");
    workers.stop();
    assertThat(events).hasSize(4);
  }

  @Test
  void aWorkerThatFailsToStopDoesNotKeepTheOthersRunning() {
    Workers workers = new Workers(List.of(worker("health"), failingToStop("writer"), worker("listener")));
    workers.start();

    assertThatThrownBy(workers::stop).hasMessage("writer cannot stop");

    assertThat(events).endsWith("stop listener", "stop health");
  }

  @Test
  void aPeriodicTaskRunsUntilStoppedAndNeverAfter() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch ranTwice = new CountDownLatch(2);
    PeriodicTask task = PeriodicTask.every("test-task", Duration.ofMillis(1), () -> {
      runs.incrementAndGet();
      ranTwice.countDown();
    });

    task.start();
    assertThat(ranTwice.await(1, TimeUnit.MINUTES)).isTrue();
    task.stop(Duration.ofMinutes(1));
    int afterStop = runs.get();
    Thread.sleep(20);

    assertThat(runs).hasValue(afterStop);
  }

  @Test
  void aPeriodicTaskThatThrowsGoesOn() throws Exception {
    CountDownLatch ranAgain = new CountDownLatch(2);
    PeriodicTask task = new PeriodicTask("test-task", Duration.ZERO, () -> {
      ranAgain.countDown();
      throw new IllegalStateException("boom (expected by the test)");
    }, Duration.ofMillis(1));

    task.start();

    assertThat(ranAgain.await(1, TimeUnit.MINUTES)).isTrue();
    task.stop(Duration.ofMinutes(1));
  }

  private Worker worker(String name) {
    return new Worker() {
      @Override
      public void start() {
        events.add("start " + name);
      }

      @Override
      public void stop() {
        events.add("stop " + name);
      }
    };
  }

  private Worker failingToStart(String name) {
    return new Worker() {
      @Override
      public void start() {
        throw new IllegalStateException(name + " cannot start");
      }

      @Override
      public void stop() {
        events.add("stop " + name);
      }
    };
  }

  private Worker failingToStop(String name) {
    return new Worker() {
      @Override
      public void start() {
        events.add("start " + name);
      }

      @Override
      public void stop() {
        throw new IllegalStateException(name + " cannot stop");
      }
    };
  }
}
