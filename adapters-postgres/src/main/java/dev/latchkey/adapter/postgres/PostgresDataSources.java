package dev.latchkey.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The connection pool the adapters run on. */
public final class PostgresDataSources {
  /** Upper bound for any one statement, so that a stuck query cannot hold a request forever. */
  static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);

  private PostgresDataSources() {}

  /**
   * A pool for {@code jdbcUrl} (a {@code jdbc:postgresql://} URL; user and password may be in it).
   * It does not connect until first used, so an unreachable database shows up as {@code
   * UNAVAILABLE} on calls rather than as a failure to build the pool.
   */
  public static HikariDataSource create(String jdbcUrl, @Nullable String user, @Nullable String password, int maxPoolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("latchkey");
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(maxPoolSize);
    config.setMinimumIdle(Math.min(2, maxPoolSize));
    config.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
    config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("connectTimeout", "3");
    config.addDataSourceProperty("socketTimeout", "30");
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("ApplicationName", "latchkey");
    config.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis());
    return new HikariDataSource(config);
  }
}
