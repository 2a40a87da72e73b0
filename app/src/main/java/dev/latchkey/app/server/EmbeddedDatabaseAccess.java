package dev.latchkey.app.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in to the embedded PostgreSQL, done on every start so that a data directory of an
 * earlier version (every local login trusted, everything owned by the superuser) is brought up to
 * date: passwords only, the superuser's set while the server is down, and the server's own role
 * owning its database and every object in it.
 */
final class EmbeddedDatabaseAccess {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseAccess.class);

  /** TCP on loopback only (no unix socket), SCRAM always, each role to its own databases. */
  static final String PG_HBA = """
      # Written by Latchkey on every start: edits are lost.
      host  latchkey  latchkey  127.0.0.1/32  scram-sha-256
      host  latchkey  latchkey  ::1/128       scram-sha-256
      host  all       postgres  127.0.0.1/32  scram-sha-256
      host  all       postgres  ::1/128       scram-sha-256
      """;

  private EmbeddedDatabaseAccess() {}

  /** With the server down: only password logins from now on, and the superuser's password set. */
  static void beforeStart(Path dataDirectory, Path binaries, String superuserPassword) {
    try {
      Path hba = dataDirectory.resolve("pg_hba.conf");
      Path temp = dataDirectory.resolve("pg_hba.conf.latchkey");
      Files.writeString(temp, PG_HBA, StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(hba));
      Files.move(temp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      // The verifier, not the password, goes to the server: nothing it might log reveals it.
      singleUser(binaries, dataDirectory,
          "ALTER ROLE postgres PASSWORD '" + PasswordUtil.encodeScramSha256(superuserPassword.toCharArray()) + "'");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * With the server up: {@code role} exists, is no superuser, has {@code password}, and owns
   * {@code database} (created if absent) and everything in its {@code public} schema.
   */
  static void afterStart(EmbeddedPostgres postgres, String database, String role, String password)
      throws SQLException {
    String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '"
          + verifier + "'";
      s.execute(exists(c, "select 1 from pg_roles where rolname = ?", role)
          ? "ALTER ROLE " + role + " WITH" + attributes
          : "CREATE ROLE " + role + attributes);
      if (exists(c, "select 1 from pg_database where datname = ?", database)) {
        s.execute("ALTER DATABASE " + database + " OWNER TO " + role);
      } else {
        s.execute("CREATE DATABASE " + database + " OWNER " + role);
      }
    }
    try (Connection c = postgres.getDatabase("postgres", database).getConnection(); Statement s = c.createStatement()) {
      s.execute(REASSIGN_PUBLIC_OBJECTS.replace("$role", role));
    }
  }

  /**
   * {@code REASSIGN OWNED BY postgres} refuses the bootstrap superuser, so objects are given away one
   * by one. Tables take their indexes, triggers and owned sequences along.
   */
  private static final String REASSIGN_PUBLIC_OBJECTS = """
      DO $do$
      DECLARE
        r record;
      BEGIN
        FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND c.relowner <> '$role'::regrole LOOP
          EXECUTE format('ALTER %s %s OWNER TO $role', CASE r.relkind WHEN 'v' THEN 'VIEW'
              WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.name);
        END LOOP;
        FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND c.relowner <> '$role'::regrole LOOP
          EXECUTE format('ALTER SEQUENCE %s OWNER TO $role', r.name);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '$role'::regrole LOOP
          EXECUTE format('ALTER ROUTINE %s OWNER TO $role', r.name);
        END LOOP;
        FOR r IN SELECT t.oid::regtype AS name FROM pg_type t
            WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r')
              AND t.typowner <> '$role'::regrole LOOP
          EXECUTE format('ALTER TYPE %s OWNER TO $role', r.name);
        END LOOP;
      END
      $do$
      """;

  private static boolean exists(Connection c, String query, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(query)) {
      p.setString(1, name);
      return p.executeQuery().next();
    }
  }

  private static final Pattern QUOTED = Pattern.compile("'[^']*'");

  /** Runs {@code statement} in PostgreSQL's single-user mode (no network, no authentication). */
  private static void singleUser(Path binaries, Path dataDirectory, String statement) throws IOException {
    List<String> command = new ArrayList<>();
    // As zonky does: PostgreSQL refuses to run as root, but runs in a user namespace of its own.
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(List.of(postgresBinary(binaries).toString(), "--single", "-D", dataDirectory.toString(),
        "postgres"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (Writer in = process.outputWriter(StandardCharsets.UTF_8)) {
      in.write(statement + "\n");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("ERROR:")) {
        process.destroyForcibly();
        // An error may quote the statement, whose string literal is the password's SCRAM verifier.
        log.debug("single-user PostgreSQL said: {}", QUOTED.matcher(output).replaceAll("'…'"));
        throw new IOException("could not set the superuser password (PostgreSQL in single-user mode failed; "
            + "is another server running on this data directory?)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while setting the superuser password", e);
    }
  }

  /** The newest binaries zonky unpacked under {@code binaries} ({@code PG-<digest>/bin/postgres}). */
  private static Path postgresBinary(Path binaries) throws IOException {
    try (Stream<Path> unpacked = Files.list(binaries)) {
      return unpacked
          .filter(dir -> dir.getFileName().toString().startsWith("PG-") && Files.exists(dir.resolve(".exists")))
          .max(Comparator.comparingLong(dir -> dir.resolve(".exists").toFile().lastModified()))
          .map(dir -> dir.resolve("bin/postgres"))
          .orElseThrow(() -> new IOException("no PostgreSQL binaries under " + binaries));
    }
  }
}
