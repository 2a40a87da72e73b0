package dev.latchkey.app.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The server as its own JVM: start, health, SIGTERM, exit codes, secrets on disk, bad configuration. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServerProcessTest {
  @RegisterExtension
  static final FreshDatabase database = FreshDatabase.empty();

  @TempDir
  Path dataDir;

  private ServerProcess serve(String... flags) {
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString(),
        "--database-url", database.url()));
    args.addAll(List.of(flags));
    return ServerProcess.start(dataDir, args.toArray(String[]::new));
  }

  private static ServingStatus health(int port) throws InterruptedException {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
      return response.getStatus();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void assertStopsCleanly(ServerProcess server) {
    server.terminate();
    assertThat(server.awaitExit()).as(server.output()).isZero();
    assertThat(server.stdout()).as(server.output()).contains("stopped");
  }

  @Test
  void theServerStartsReportsServingAndStopsCleanlyOnSigterm() throws Exception {
    try (ServerProcess server = serve()) {
      int port = server.awaitListening();

      assertThat(port).isPositive();
      assertThat(health(port)).isEqualTo(ServingStatus.SERVING);
      assertStopsCleanly(server);
      assertThat(server.stderrLines()).as(server.output()).isEmpty();
    }
  }

  @Test
  void onFirstStartItGeneratesItsSecretsWithMode0600AndNeverPrintsThem() throws Exception {
    Path tokenFile = dataDir.resolve("operator-token");
    Path pepperFile = dataDir.resolve("pepper");
    String output;
    try (ServerProcess server = serve()) {
      server.awaitListening();
      assertStopsCleanly(server);
      output = server.output();
    }

    assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(pepperFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String token = Files.readString(tokenFile).strip();
    String pepper = Files.readString(pepperFile).strip();
    assertThat(TokenSecret.parse(token)).map(TokenSecret::kind).contains(TokenKind.OPERATOR);
    assertThat(output)
        .doesNotContain(token)
        .doesNotContain(token.substring(4, 47))
        .doesNotContain(pepper)
        .doesNotContain(pepper.substring(pepper.indexOf(':') + 1))
        .contains(tokenFile.toString(), pepperFile.toString()); // says where they are
  }

  @Test
  void aRestartKeepsTheSecretsItGeneratedBefore() throws Exception {
    try (ServerProcess first = serve()) {
      first.awaitListening();
      assertStopsCleanly(first);
    }
    String token = Files.readString(dataDir.resolve("operator-token"));
    String pepper = Files.readString(dataDir.resolve("pepper"));

    try (ServerProcess second = serve()) {
      int port = second.awaitListening();
      assertThat(health(port)).isEqualTo(ServingStatus.SERVING);
      assertStopsCleanly(second);
      assertThat(second.stdout())
          .contains("operator token read from")
          .doesNotContain("generated a token pepper", "generated an operator token");
    }
    assertThat(Files.readString(dataDir.resolve("operator-token"))).isEqualTo(token);
    assertThat(Files.readString(dataDir.resolve("pepper"))).isEqualTo(pepper);
  }

  @Test
  void withoutADatabaseUrlItServesFromAnEmbeddedDatabaseAndNeverPrintsItsPasswords() throws Exception {
    try (ServerProcess server = ServerProcess.start(dataDir, "serve", "--port", "0", "--data-dir", dataDir.toString())) {
      int port = server.awaitListening();

      assertThat(health(port)).isEqualTo(ServingStatus.SERVING);
      assertStopsCleanly(server);
      assertThat(server.output())
          .doesNotContain(Files.readString(dataDir.resolve("postgres-password")).strip())
          .doesNotContain(Files.readString(dataDir.resolve("postgres-superuser-password")).strip());
    }
  }

  @Test
  void aSigtermWhileStartingStillEndsInACleanStop() {
    try (ServerProcess server = serve()) {
      // Logged first thing in start-up, well before the database and the port.
      server.awaitStdoutLine(line -> line.contains("generated a token pepper"), ServerProcess.START_TIMEOUT);

      assertStopsCleanly(server);
    }
  }

  @Test
  void anUnreachableDatabaseExitsNonZeroWithOneLine() {
    String line = failingStart("serve", "--port", "0", "--data-dir", dataDir.toString(),
        "--database-url", "jdbc:postgresql://127.0.0.1:1/nope");

    assertThat(line).contains("jdbc:postgresql://127.0.0.1:1/nope");
  }

  @Test
  void anUnknownFlagExitsNonZeroWithOneLine() {
    String line = failingStart("serve", "--data-dir", dataDir.toString(), "--colour", "blue");

    assertThat(line).startsWith("latchkey: unknown flag --colour");
  }

  @Test
  void aPortInUseExitsNonZeroWithOneLine() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      String line = failingStart("serve", "--port", Integer.toString(taken.getLocalPort()),
          "--data-dir", dataDir.toString(), "--database-url", database.url());

      assertThat(line).contains("cannot listen on", ":" + taken.getLocalPort());
    }
  }

  @Test
  void anOperatorTokenFileWithoutAValidTokenExitsNonZeroWithOneLine() throws IOException {
    Path tokenFile = Files.writeString(dataDir.resolve("token"), "nonsense\n");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));

    String line = failingStart("serve", "--port", "0", "--data-dir", dataDir.toString(),
        "--database-url", database.url(), "--operator-token-file", tokenFile.toString());

    assertThat(line).contains(tokenFile.toString()).doesNotContain("nonsense");
  }

  @Test
  void anUnreadableOperatorTokenFileExitsNonZeroWithOneLine() throws IOException {
    Path tokenFile = Files.createDirectory(dataDir.resolve("token"));

    String line = failingStart("serve", "--port", "0", "--data-dir", dataDir.toString(),
        "--database-url", database.url(), "--operator-token-file", tokenFile.toString());

    assertThat(line).contains("cannot read the operator token file " + tokenFile);
  }

  @Test
  void aMissingPepperFileExitsNonZeroWithOneLine() {
    Path pepperFile = dataDir.resolve("no-such-pepper");

    String line = failingStart("serve", "--port", "0", "--data-dir", dataDir.toString(),
        "--database-url", database.url(), "--pepper-file", pepperFile.toString());

    assertThat(line).contains(pepperFile.toString());
    assertThat(pepperFile).doesNotExist();
  }

  @Test
  void aPepperFileOthersCanReadExitsNonZeroWithOneLine() throws IOException {
    Path pepperFile = Files.writeString(dataDir.resolve("pepper"), "k1:" + "A".repeat(43) + "=\n");
    Files.setPosixFilePermissions(pepperFile, PosixFilePermissions.fromString("rw-r--r--"));

    String line = failingStart("serve", "--port", "0", "--data-dir", dataDir.toString(),
        "--database-url", database.url());

    assertThat(line).isEqualTo("latchkey: the pepper file " + pepperFile
        + " is accessible by group or others (mode rw-r--r--); chmod 600 it");
  }

  @Test
  void anOperatorTokenFileTheGroupCanWriteExitsNonZeroWithOneLine() throws IOException {
    try (ServerProcess first = serve()) {
      first.awaitListening();
      assertStopsCleanly(first);
    }
    Path tokenFile = dataDir.resolve("operator-token");
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw--w----"));

    String line = failingStart("serve", "--port", "0", "--data-dir", dataDir.toString(),
        "--database-url", database.url());

    assertThat(line).startsWith("latchkey: the operator token file " + tokenFile + " is accessible by group or others");
  }

  @Test
  void aMissingDataDirectoryIsCreatedOpenToItsOwnerAlone() throws Exception {
    Path newDataDir = dataDir.resolve("fresh/var");
    try (ServerProcess server = ServerProcess.start(dataDir, "serve", "--port", "0", "--data-dir",
        newDataDir.toString(), "--database-url", database.url())) {
      server.awaitListening();
      assertStopsCleanly(server);
    }

    assertThat(Files.getPosixFilePermissions(newDataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  /** Runs a start that must fail; returns its one stderr line. */
  private String failingStart(String... args) {
    try (ServerProcess server = ServerProcess.start(dataDir, args)) {
      int exit = server.awaitExit();

      assertThat(exit).as(server.output()).isNotZero();
      assertThat(server.stderrLines()).as(server.output()).hasSize(1);
      String line = server.stderrLines().getFirst();
      assertThat(line).startsWith("latchkey: ");
      assertThat(server.stdout()).doesNotContain("listening on");
      return line;
    }
  }
}
