package dev.latchkey.app.server;

import dev.latchkey.adapter.postgres.Database;
import dev.latchkey.application.lifecycle.PeriodicTask;
import dev.latchkey.application.lifecycle.Worker;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports {@code NOT_SERVING} on the health service while the database does not answer. */
public final class DatabaseHealth implements Worker {
  private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);
  private static final Duration INTERVAL = Duration.ofSeconds(2);

  private final Database database;
  private final HealthStatusManager health;
  private final PeriodicTask loop;
  private volatile boolean running = true;
  private @Nullable Boolean lastReachable; // null until the first check

  @Inject
  public DatabaseHealth(Database database, HealthStatusManager health) {
    this.database = database;
    this.health = health;
    this.loop = PeriodicTask.every("database-health", INTERVAL, this::checkOnce);
  }

  /** Reports the status once before returning, then every two seconds. */
  @Override
  public void start() {
    checkOnce();
    loop.start();
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
  public void stop() {
    running = false;
    loop.stop(Duration.ofSeconds(5));
  }
}
