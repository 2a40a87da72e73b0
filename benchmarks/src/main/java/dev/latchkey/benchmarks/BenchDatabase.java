package dev.latchkey.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGProperty;

/**
 * The PostgreSQL database a benchmark runs against: the one named by {@code
 * LATCHKEY_BENCH_DATABASE_URL} when set (used as is, never dropped), else a fresh database, dropped
 * by {@link #close()}, on the first server of: the one named by the system property {@value
 * #ADMIN_URL_PROPERTY} (how the suite hands its server to JMH's forks), the local server at
 * 127.0.0.1:5432 (user postgres, trust) when it answers, an embedded PostgreSQL started in this JVM
 * (as the tests do). The create/drop logic is the few lines of the adapters' test helper {@code
 * TestDatabases} that are needed here.
 */
public final class BenchDatabase implements AutoCloseable {
  public static final String URL_ENV = "LATCHKEY_BENCH_DATABASE_URL";
  /** A {@code jdbc:postgresql://} URL of a server's {@code postgres} database, as a user who may create databases. */
  public static final String ADMIN_URL_PROPERTY = "latchkey.bench.admin-url";
  private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
  private static @Nullable String adminUrl;

  private final String url;
  private final boolean owned;

  private BenchDatabase(String url, boolean owned) {
    this.url = url;
    this.owned = owned;
  }

  public static BenchDatabase open(String label) {
    if (usesConfiguredDatabase()) {
      return new BenchDatabase(System.getenv(URL_ENV).strip(), false);
    }
    String name = ("lk_bench_" + label.replaceAll("[^A-Za-z0-9]", "_") + "_"
        + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    if (name.length() > 63) {
      name = "lk" + name.substring(name.length() - 61);
    }
    String admin = adminUrl();
    execute(admin, "create database \"" + name + "\"");
    return new BenchDatabase(withDatabase(admin, name), true);
  }

  /** Whether {@code LATCHKEY_BENCH_DATABASE_URL} names the one database to use. */
  public static boolean usesConfiguredDatabase() {
    String configured = System.getenv(URL_ENV);
    return configured != null && !configured.isBlank();
  }

  /**
   * The server fresh databases are created on (see the class comment), starting an embedded one if
   * need be; for {@link #ADMIN_URL_PROPERTY} of other JVMs.
   */
  public static synchronized String adminUrl() {
    if (adminUrl == null) {
      adminUrl = resolveAdminUrl();
    }
    return adminUrl;
  }

  private static String resolveAdminUrl() {
    String handed = System.getProperty(ADMIN_URL_PROPERTY);
    if (handed != null && !handed.isBlank()) {
      return handed;
    }
    if (answers(LOCAL_ADMIN_URL)) {
      return LOCAL_ADMIN_URL;
    }
    System.err.println("bench: no PostgreSQL on 127.0.0.1:5432 (and " + URL_ENV + " unset): starting an embedded one");
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
        try {
          embedded.close();
        } catch (IOException e) {
          System.err.println("bench: embedded PostgreSQL did not stop cleanly: " + e);
        }
      }));
      return embedded.getJdbcUrl("postgres", "postgres");
    } catch (IOException e) {
      throw new IllegalStateException("could not start an embedded PostgreSQL; start one on 127.0.0.1:5432 (user "
          + "postgres, trust) or set " + URL_ENV, e);
    }
  }

  /** The JDBC URL, credentials included. */
  public String url() {
    return url;
  }

  /** Drops the database if this run created it (closing any connection still on it). */
  @Override
  public void close() {
    if (owned) {
      execute(adminUrl(), "drop database if exists \"" + databaseOf(url) + "\" with (force)");
    }
  }

  private static boolean answers(String url) {
    Properties props = new Properties();
    PGProperty.CONNECT_TIMEOUT.set(props, 2);
    try (Connection c = DriverManager.getConnection(url, props)) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("benchmark database setup failed (" + sql + "); is PostgreSQL running on "
          + "127.0.0.1:5432 with trust for user postgres, or is " + URL_ENV + " set?", e);
    }
  }

  static String withDatabase(String url, String database) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    String rest = query < 0 ? "" : url.substring(query);
    return url.substring(0, slash + 1) + database + rest;
  }

  static String databaseOf(String url) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    return query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
  }
}
