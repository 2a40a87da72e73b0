package dev.latchkey.app.server;

import dev.latchkey.app.config.ConfigException;
import dev.latchkey.app.config.SecretFiles;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The zero-setup default: a real PostgreSQL (zonky's binaries) whose data, binaries and passwords
 * all live under the data directory, open to nobody else. Every login needs a password (SCRAM);
 * the server connects as {@value #ROLE}, which owns its database and nothing more, not as the
 * superuser; writes are durable ({@code fsync} and {@code synchronous_commit} on).
 */
final class EmbeddedDatabase implements AutoCloseable {
  static final String DATABASE = "latchkey";
  static final String ROLE = "latchkey";
  static final String PASSWORD_FILE = "postgres-password";
  static final String SUPERUSER_PASSWORD_FILE = "postgres-superuser-password";
  private static final String ZONKY_WORKING_DIR = "ot.epg.working-dir";

  private final EmbeddedPostgres postgres;
  private final String password;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
    this.postgres = postgres;
    this.password = password;
  }

  /**
   * Starts (on first use: creates) the database under {@code dataDir}, which must already be open
   * to its owner alone, and brings a data directory of an earlier version up to date.
   */
  static EmbeddedDatabase start(Path dataDir) {
    Path directory = dataDir.resolve("postgres");
    Path binaries = dataDir.resolve("postgres-binaries");
    SecureRandom random = new SecureRandom();
    String superuserPassword = SecretFiles.readOrCreate(dataDir.resolve(SUPERUSER_PASSWORD_FILE),
        () -> newPassword(random), "embedded database superuser password");
    String password = SecretFiles.readOrCreate(dataDir.resolve(PASSWORD_FILE),
        () -> newPassword(random), "embedded database password");
    try {
      ownerOnlyDirectory(binaries);
      EmbeddedPostgres postgres = builderWorkingIn(binaries)
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setOverrideWorkingDirectory(binaries.toFile())
          .setPgBinaryResolver(new BinariesUnder(binaries))
          // zonky's defaults trade durability for speed; a credentials store must not lose a
          // committed revocation in a crash.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("unix_socket_directories", "")
          .setServerConfig("password_encryption", "scram-sha-256")
          .setConnectConfig("password", superuserPassword)
          .setDataDirectoryCustomizer(data -> EmbeddedDatabaseAccess.beforeStart(data.toPath(), binaries,
              superuserPassword))
          .setPort(freePort())
          .start();
      // zonky opens its binaries folder to everyone while unpacking; close it again.
      Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwx------"));
      try {
        EmbeddedDatabaseAccess.afterStart(postgres, DATABASE, ROLE, password);
      } catch (SQLException | RuntimeException e) {
        postgres.close();
        throw e;
      }
      return new EmbeddedDatabase(postgres, password);
    } catch (IOException | SQLException | UncheckedIOException | IllegalStateException e) {
      String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new ConfigException("cannot start the embedded PostgreSQL under " + directory + ": " + reason, e);
    }
  }

  /** Without user or password: pass {@link #ROLE} and {@link #password()} to the pool. */
  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  String password() {
    return password;
  }

  int port() {
    return postgres.getPort();
  }

  /**
   * zonky's builder otherwise creates, and sweeps for stale data directories, {@code
   * /tmp/embedded-pg}, a folder any local user can plant. Its only knob is a system property read
   * when the builder is made.
   */
  private static EmbeddedPostgres.Builder builderWorkingIn(Path binaries) {
    synchronized (EmbeddedDatabase.class) {
      String previous = System.getProperty(ZONKY_WORKING_DIR);
      System.setProperty(ZONKY_WORKING_DIR, binaries.toString());
      try {
        return EmbeddedPostgres.builder();
      } finally {
        if (previous == null) {
          System.clearProperty(ZONKY_WORKING_DIR);
        } else {
          System.setProperty(ZONKY_WORKING_DIR, previous);
        }
      }
    }
  }

  private static String newPassword(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void ownerOnlyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
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

  /**
   * zonky's own binaries, unpacked under {@code dir}. zonky caches unpacked binaries per resolver;
   * one per folder keeps every data directory on binaries of its own.
   */
  private record BinariesUnder(Path dir) implements PgBinaryResolver {
    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
      return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
    }
  }
}
