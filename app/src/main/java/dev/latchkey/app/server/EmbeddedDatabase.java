package dev.latchkey.app.server;

import dev.latchkey.app.config.ConfigException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The zero-setup default: a real PostgreSQL (zonky's binaries) whose data lives under the data dir. */
final class EmbeddedDatabase implements AutoCloseable {
  private static final String DATABASE = "latchkey";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir) {
    Path directory = dataDir.resolve("postgres");
    try {
      Files.createDirectories(directory);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setPort(freePort())
          .start();
      EmbeddedDatabase database = new EmbeddedDatabase(postgres);
      database.createDatabaseIfAbsent();
      return database;
    } catch (IOException | SQLException e) {
      throw new ConfigException("cannot start the embedded PostgreSQL under " + directory + ": " + e.getMessage(), e);
    }
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", DATABASE);
  }

  private void createDatabaseIfAbsent() throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      var rows = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
      if (!rows.next()) {
        s.execute("create database " + DATABASE);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
