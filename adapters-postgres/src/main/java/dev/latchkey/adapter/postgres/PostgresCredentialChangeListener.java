package dev.latchkey.adapter.postgres;

import dev.latchkey.application.port.in.InvalidateCredentialsUseCase;
import dev.latchkey.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears credential changes announced by any instance (PostgreSQL LISTEN on one dedicated
 * connection) and passes them to this instance's cache. While the connection is down the cache is
 * told it is not listening, which empties and bypasses it: a missed change never keeps a dead token
 * alive.
 */
public final class PostgresCredentialChangeListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresCredentialChangeListener.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final InvalidateCredentialsUseCase cache;
  private final Thread thread;
  private volatile boolean running = true;

  public PostgresCredentialChangeListener(DataSource dataSource, InvalidateCredentialsUseCase cache) {
    this.dataSource = dataSource;
    this.cache = cache;
    this.thread = Thread.ofPlatform().daemon().name("credential-change-listener").unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    try {
      listenUntilClosed();
    } finally {
      // Whatever ends this thread, the cache must not stay on without a listener.
      cache.listening(false);
    }
  }

  private void listenUntilClosed() {
    Duration backoff = Duration.ofMillis(100);
    boolean warned = false;
    while (running) {
      Connection connection = null;
      try {
        connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + PostgresCredentialChanges.CHANNEL);
          PGConnection pg = connection.unwrap(PGConnection.class);
          cache.listening(true);
          if (warned) {
            log.info("listening for credential changes again; token cache on");
            warned = false;
          }
          backoff = Duration.ofMillis(100);
          while (running) {
            PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
            if (notifications == null) {
              // No news within the poll: prove the connection is alive, or fail into the reconnect path.
              statement.execute("SELECT 1");
              continue;
            }
            for (PGNotification notification : notifications) {
              TenantId.parse(notification.getParameter()).ifPresentOrElse(cache::tenantChanged,
                  () -> cache.listening(true)); // unreadable: forget everything to be safe
            }
          }
          statement.execute("UNLISTEN *");
        }
        connection.close();
      } catch (SQLException | RuntimeException e) {
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
  public void close() {
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
