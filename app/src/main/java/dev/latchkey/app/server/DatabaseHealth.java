package dev.latchkey.app.server;

import dev.latchkey.adapter.postgres.Database;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports {@code NOT_SERVING} on the health service while the database does not answer. */
final class DatabaseHealth implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);
  private static final Duration INTERVAL = Duration.ofSeconds(2);

  private final Database database;
  private final HealthStatusManager health;
  private final Thread thread;
  private volatile boolean running = true;
  private @Nullable Boolean lastReachable; // null until the first check

  DatabaseHealth(Database database, HealthStatusManager health) {
    this.database = database;
    this.health = health;
    this.thread = Thread.ofVirtual().name("database-health").unstarted(this::run);
  }

  void start() {
    checkOnce();
    thread.start();
  }

  private void run() {
    while (running) {
      try {
        Thread.sleep(INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
      if (running) {
        checkOnce();
      }
    }
  }

  private synchronized void checkOnce() {
    boolean reachable = database.isReachable();
    if (!running) {
      return;
    }
    if (lastReachable == null || lastReachable != reachable) {
      if (lastReachable != null) {
        log.warn(reachable ? "database reachable again: serving" : "database unreachable: not serving");
      }
      lastReachable = reachable;
    }
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
        reachable ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
