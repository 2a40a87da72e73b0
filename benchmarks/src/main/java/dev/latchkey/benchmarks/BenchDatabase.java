package dev.latchkey.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL database a benchmark runs against: the one named by {@code
 * LATCHKEY_BENCH_DATABASE_URL} when set (used as is, never dropped), else a fresh database on the
 * local server at 127.0.0.1:5432 (user postgres), dropped by {@link #close()}. The create/drop logic
 * is the few lines of the adapters' test helper {@code TestDatabases} that are needed here.
 */
public final class BenchDatabase implements AutoCloseable {
  public static final String URL_ENV = "LATCHKEY_BENCH_DATABASE_URL";
  private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  private final String url;
  private final boolean owned;

  private BenchDatabase(String url, boolean owned) {
    this.url = url;
    this.owned = owned;
  }

  public static BenchDatabase open(String label) {
    String configured = System.getenv(URL_ENV);
    if (configured != null && !configured.isBlank()) {
      return new BenchDatabase(configured.strip(), false);
    }
    String name = ("lk_bench_" + label.replaceAll("[^A-Za-z0-9]", "_") + "_"
        + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    if (name.length() > 63) {
      name = "lk" + name.substring(name.length() - 61);
    }
    execute(LOCAL_ADMIN_URL, "create database \"" + name + "\"");
    return new BenchDatabase(withDatabase(LOCAL_ADMIN_URL, name), true);
  }

  /** The JDBC URL, credentials included. */
  public String url() {
    return url;
  }

  /** Drops the database if this run created it (closing any connection still on it). */
  @Override
  public void close() {
    if (owned) {
      execute(LOCAL_ADMIN_URL, "drop database if exists \"" + databaseOf(url) + "\" with (force)");
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
