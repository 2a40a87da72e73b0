package dev.latchkey.adapter.postgres.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where tests get their PostgreSQL: {@code LATCHKEY_TEST_DATABASE_URL} when set (a URL of a
 * database the tests may create databases from), else the local server on 127.0.0.1:5432 when one
 * answers, else an embedded PostgreSQL started once per JVM. Each test class gets a fresh database.
 */
public final class TestDatabases {
  private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
  private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  private static String adminUrl;

  private TestDatabases() {}

  /** Creates an empty database and returns its JDBC URL (credentials included). */
  public static String createDatabase(String label) {
    String admin = adminUrl();
    String name = ("lk_" + label.replaceAll("[^A-Za-z0-9]", "_") + "_"
            + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    if (name.length() > 63) {
      name = name.substring(name.length() - 63);
      name = "lk" + name.substring(2);
    }
    execute(admin, "create database \"" + name + "\"");
    return withDatabase(admin, name);
  }

  /** Drops a database made by {@link #createDatabase}, closing any connection still on it. */
  public static void dropDatabase(String url) {
    String name = databaseOf(url);
    execute(adminUrl(), "drop database if exists \"" + name + "\" with (force)");
  }

  static synchronized String adminUrl() {
    if (adminUrl == null) {
      adminUrl = resolveAdminUrl();
    }
    return adminUrl;
  }

  private static String resolveAdminUrl() {
    String configured = System.getenv("LATCHKEY_TEST_DATABASE_URL");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    if (answers(LOCAL_URL)) {
      return LOCAL_URL;
    }
    log.info("no PostgreSQL on 127.0.0.1:5432; starting an embedded one for the tests");
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
        try {
          embedded.close();
        } catch (IOException e) {
          log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
      }));
      return embedded.getJdbcUrl("postgres", "postgres");
    } catch (IOException e) {
      throw new IllegalStateException("could not start an embedded PostgreSQL for the tests", e);
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
      throw new IllegalStateException("test database setup failed: " + sql, e);
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
