package dev.latchkey.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.adapter.postgres.PostgresDataSources;
import dev.latchkey.adapter.postgres.SchemaMigrations;
import dev.latchkey.app.config.ConfigException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL is safe to keep credentials in, and earlier data directories move over. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedDatabaseTest {
  @TempDir
  static Path dataDir;

  private static EmbeddedDatabase database;

  @BeforeAll
  static void start() {
    database = EmbeddedDatabase.start(dataDir);
  }

  @AfterAll
  static void stop() throws IOException {
    if (database != null) {
      database.close();
    }
  }

  private static Connection connect(int port, String database, String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, properties);
  }

  private static Connection asServer() throws SQLException {
    return connect(database.port(), EmbeddedDatabase.DATABASE, EmbeddedDatabase.ROLE, database.password());
  }

  private static String queryOne(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      assertThat(rows.next()).as(sql).isTrue();
      return rows.getString(1);
    }
  }

  private static void assertRefusedLogin(ThrowingCallable login) {
    // 28P01: the server checked a password and refused it; without one pgjdbc refuses itself
    // because the server asked for one (with trust it would not have).
    assertThatThrownBy(login).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage())
        .containsAnyOf("password authentication failed", "no password was provided"));
  }

  @Test
  void noLoginWorksWithoutThePassword() {
    int port = database.port();
    for (String[] login : new String[][] {{"latchkey", "latchkey"}, {"postgres", "postgres"}, {"postgres", "latchkey"}}) {
      assertRefusedLogin(() -> connect(port, login[1], login[0], null).close());
      assertRefusedLogin(() -> connect(port, login[1], login[0], "wrong").close());
    }
  }

  @Test
  void theServerRoleMayNotLogInToOtherDatabases() {
    assertThatThrownBy(() -> connect(database.port(), "postgres", EmbeddedDatabase.ROLE, database.password()).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("pg_hba.conf");
  }

  @Test
  void theServerConnectsAsARoleThatOwnsItsDatabaseButIsNoSuperuser() throws SQLException {
    try (Connection c = asServer()) {
      assertThat(queryOne(c, "select rolsuper from pg_roles where rolname = current_user")).isEqualTo("f");
      assertThat(queryOne(c, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
          .isEqualTo("latchkey");
    }
  }

  @Test
  void theServerRoleCannotReadFilesOfTheDatabaseServer() throws SQLException {
    try (Connection c = asServer()) {
      assertThatThrownBy(() -> queryOne(c, "select pg_read_file('postgresql.conf')"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }
  }

  @Test
  void writesAreDurable() throws SQLException {
    try (Connection c = asServer()) {
      assertThat(queryOne(c, "show fsync")).isEqualTo("on");
      assertThat(queryOne(c, "show synchronous_commit")).isEqualTo("on");
      assertThat(queryOne(c, "show full_page_writes")).isEqualTo("on");
    }
  }

  @Test
  void theDatabaseServerRunsFromBinariesUnderTheDataDirectoryOpenToItsOwnerAlone() throws IOException {
    Path binaries = dataDir.resolve("postgres-binaries");
    String pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().strip();

    assertThat(Files.getPosixFilePermissions(binaries)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.readSymbolicLink(Path.of("/proc", pid, "exe"))).startsWith(binaries);
  }

  @Test
  void thePasswordsAreInFilesOnlyTheirOwnerMayRead() throws IOException {
    for (String file : new String[] {"postgres-password", "postgres-superuser-password"}) {
      assertThat(Files.getPosixFilePermissions(dataDir.resolve(file)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    assertThat(Files.readString(dataDir.resolve("postgres-password")).strip()).isEqualTo(database.password());
  }

  @Test
  void aPasswordFileOthersMayReadIsRefusedBeforeTheDatabaseStarts(@TempDir Path otherDataDir) throws IOException {
    Path file = Files.writeString(otherDataDir.resolve("postgres-superuser-password"), "given\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    assertThatThrownBy(() -> EmbeddedDatabase.start(otherDataDir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the embedded database superuser password file " + file
            + " is accessible by group or others (mode rw-r-----); chmod 600 it");
    assertThat(otherDataDir.resolve("postgres")).doesNotExist();
  }

  @Test
  void aDataDirectoryOfTheEarlierVersionStartsWithItsDataAndIsLockedDown(@TempDir Path oldDataDir) throws Exception {
    Path postgresDir = oldDataDir.resolve("postgres");
    // What the earlier version did: zonky's defaults (every local login trusted), all as postgres.
    try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(postgresDir)
        .setCleanDataDirectory(false).start()) {
      try (Connection c = connect(old.getPort(), "postgres", "postgres", null); Statement s = c.createStatement()) {
        assertThat(queryOne(c, "show fsync")).isEqualTo("off"); // what the checks below change
        s.execute("create database latchkey");
      }
      SchemaMigrations.migrate(old.getDatabase("postgres", "latchkey"));
      try (Connection c = old.getDatabase("postgres", "latchkey").getConnection(); Statement s = c.createStatement()) {
        s.execute("insert into tenant values ('0190b4a2-6a8e-7000-8000-000000000001', 'Acme', now(), now())");
      }
    }

    try (EmbeddedDatabase upgraded = EmbeddedDatabase.start(oldDataDir)) {
      int port = upgraded.port();
      assertRefusedLogin(() -> connect(port, "latchkey", "postgres", null).close());
      try (HikariDataSource pool = PostgresDataSources.create(upgraded.jdbcUrl(), EmbeddedDatabase.ROLE,
          upgraded.password(), 2)) {
        assertThat(SchemaMigrations.migrate(pool)).isZero();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
          assertThat(queryOne(c, "select display_name from tenant")).isEqualTo("Acme");
          assertThat(queryOne(c, "select count(*) from pg_class where relnamespace = 'public'::regnamespace"
              + " and relowner <> 'latchkey'::regrole")).isEqualTo("0");
          assertThat(queryOne(c, "select count(*) from pg_proc where pronamespace = 'public'::regnamespace"
              + " and proowner <> 'latchkey'::regrole")).isEqualTo("0");
          // Creating partitions needs ownership of the partitioned table.
          s.execute("select ensure_request_log_partitions(date '2040-01-01', 1)");
          s.execute("update tenant set display_name = 'Acme Ltd'");
        }
      }
    }

    try (EmbeddedDatabase restarted = EmbeddedDatabase.start(oldDataDir);
        Connection c = connect(restarted.port(), "latchkey", "latchkey", restarted.password())) {
      assertThat(queryOne(c, "select display_name from tenant")).isEqualTo("Acme Ltd");
    }
  }
}
