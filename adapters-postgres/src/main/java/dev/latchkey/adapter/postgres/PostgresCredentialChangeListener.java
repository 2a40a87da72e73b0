package dev.latchkey.adapter.postgres;

import dev.latchkey.application.lifecycle.Worker;
import dev.latchkey.application.port.in.InvalidateCredentialsUseCase;
import dev.latchkey.domain.tenant.TenantId;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears credential changes announced by any instance (PostgreSQL LISTEN on one dedicated
 * connection) and passes them to this instance's cache. While the channel is not proven alive the
 * cache is told it is not listening, which empties and bypasses it: a missed change never keeps a
 * dead token alive.
 *
 * <p>A connection can die without saying so (an idle timeout in between, a half-open TCP
 * connection): reads just find nothing. So the listener proves the channel: it sends a heartbeat
 * NOTIFY on the channel every few seconds and must hear it back within a couple of seconds, with a
 * short network timeout on its connection so that a stalled round trip fails instead of hanging.
 * The cache goes on only once the first heartbeat after (re)connecting is heard, and off as soon as
 * one is not; the listener then reconnects.
 */
public final class PostgresCredentialChangeListener implements Worker {
  private static final Logger log = LoggerFactory.getLogger(PostgresCredentialChangeListener.class);
  /** Payloads of heartbeats start with this; every listener ignores the heartbeats of the others. */
  static final String HEARTBEAT_PREFIX = "heartbeat:";
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** How often the channel is proven, and how long a heartbeat may take to come back. */
  record Timings(Duration heartbeatInterval, Duration hearBackWithin) {
    static final Timings DEFAULT = new Timings(Duration.ofSeconds(5), Duration.ofSeconds(2));
  }

  private final DataSource dataSource;
  private final InvalidateCredentialsUseCase cache;
  private final Timings timings;
  private final Thread thread;
  private volatile boolean running = true;

  @Inject
  public PostgresCredentialChangeListener(DataSource dataSource, InvalidateCredentialsUseCase cache) {
    this(dataSource, cache, Timings.DEFAULT);
  }

  PostgresCredentialChangeListener(DataSource dataSource, InvalidateCredentialsUseCase cache, Timings timings) {
    this.dataSource = dataSource;
    this.cache = cache;
    this.timings = timings;
    this.thread = Thread.ofPlatform().daemon().name("credential-change-listener").unstarted(this::run);
  }

  @Override
  public void start() {
    thread.start();
  }

  private void run() {
    try {
      listenUntilStopped();
    } finally {
      // Whatever ends this thread, the cache must not stay on without a listener.
      cache.listening(false);
    }
  }

  /** The channel did not carry a heartbeat back in time. */
  private static final class SilentChannelException extends Exception {
    SilentChannelException(Duration waited) {
      super("no heartbeat heard back within " + waited.toMillis() + " ms");
    }
  }

  private void listenUntilStopped() {
    Duration backoff = Duration.ofMillis(100);
    boolean warned = false;
    while (running) {
      Connection connection = null;
      try {
        connection = dataSource.getConnection();
        // Bounds every round trip, the heartbeat's included: a stalled connection fails, it does not hang.
        connection.setNetworkTimeout(Runnable::run, (int) timings.hearBackWithin().toMillis());
        try (Statement statement = connection.createStatement();
            PreparedStatement heartbeat = connection.prepareStatement("select pg_notify(?, ?)")) {
          statement.execute("LISTEN " + PostgresCredentialChanges.CHANNEL);
          PGConnection pg = connection.unwrap(PGConnection.class);
          proveAlive(pg, heartbeat);
          cache.listening(true);
          if (warned) {
            log.info("listening for credential changes again; token cache on");
            warned = false;
          }
          backoff = Duration.ofMillis(100);
          while (running) {
            long nextHeartbeat = System.nanoTime() + timings.heartbeatInterval().toNanos();
            long left;
            while (running && (left = nextHeartbeat - System.nanoTime()) > 0) {
              // In short waits, so that stop() is heard promptly.
              pass(pg.getNotifications(atLeastOneMilli(Math.min(left, POLL.toNanos()))), null);
            }
            if (running) {
              proveAlive(pg, heartbeat);
            }
          }
          statement.execute("UNLISTEN *");
        }
        connection.close();
      } catch (SQLException | SilentChannelException | RuntimeException e) {
        cache.listening(false);
        discard(connection);
        if (!running) {
          return;
        }
        if (!warned) {
          log.warn("lost the credential-change channel ({}); token cache off until it is back", e.getMessage());
          warned = true;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  /** Sends a heartbeat on the channel and passes on what arrives until it comes back. */
  private void proveAlive(PGConnection pg, PreparedStatement heartbeat) throws SQLException, SilentChannelException {
    String payload = HEARTBEAT_PREFIX + UUID.randomUUID();
    heartbeat.setString(1, PostgresCredentialChanges.CHANNEL);
    heartbeat.setString(2, payload);
    heartbeat.execute();
    long deadline = System.nanoTime() + timings.hearBackWithin().toNanos();
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      if (pass(pg.getNotifications(atLeastOneMilli(left)), payload)) {
        return;
      }
      if (!running) {
        return;
      }
    }
    throw new SilentChannelException(timings.hearBackWithin());
  }

  /** Passes changes on to the cache; true if {@code heartbeat} (null: none awaited) was among them. */
  private boolean pass(PGNotification @Nullable [] notifications, @Nullable String heartbeat) {
    boolean heard = false;
    if (notifications == null) {
      return false;
    }
    for (PGNotification notification : notifications) {
      String payload = notification.getParameter();
      if (payload.startsWith(HEARTBEAT_PREFIX)) {
        heard |= payload.equals(heartbeat);
        continue;
      }
      TenantId.parse(payload).ifPresentOrElse(cache::tenantChanged,
          () -> cache.listening(true)); // unreadable: forget everything to be safe
    }
    return heard;
  }

  /** pgjdbc waits forever for a timeout of 0. */
  private static int atLeastOneMilli(long nanos) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
  }

  /**
   * A connection that failed while listening is not given back to the pool as it is: it may be
   * broken, or still subscribed with notifications piling up that nobody reads.
   */
  private void discard(@Nullable Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) {
        hikari.evictConnection(connection);
      } else {
        connection.close();
      }
    } catch (SQLException | RuntimeException e) {
      log.debug("could not discard the listener's connection: {}", e.getMessage());
    }
  }

  @Override
  public void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cache.listening(false);
  }
}
