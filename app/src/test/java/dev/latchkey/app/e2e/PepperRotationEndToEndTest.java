package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.adapter.postgres.testing.TestDatabases;
import dev.latchkey.app.config.ServerConfig;
import dev.latchkey.app.crypto.Pepper;
import dev.latchkey.app.server.LatchkeyServer;
import dev.latchkey.proto.v1.AnalyticsServiceGrpc;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CallerIdentity;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreateApiTokenResponse;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.IngestServiceGrpc;
import dev.latchkey.proto.v1.MetricPoint;
import dev.latchkey.proto.v1.PushMetricsRequest;
import dev.latchkey.proto.v1.RotateIngestTokenRequest;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The rotation procedure of the README, with restarts of the real server: add a new first line to
 * the pepper file, restart, let tokens be used (each is re-hashed to the new pepper), remove the old
 * line, restart.
 */
class PepperRotationEndToEndTest {
  private final SecureRandom random = new SecureRandom();
  private final String pepperA = Pepper.generate(random);
  private final String pepperB = Pepper.generate(random);
  private String databaseUrl;
  private Path dir;
  private Path pepperFile;

  @BeforeEach
  void database() throws IOException {
    databaseUrl = TestDatabases.createDatabase(PepperRotationEndToEndTest.class.getSimpleName());
    dir = Files.createTempDirectory("latchkey-pepper-");
    pepperFile = dir.resolve("pepper");
  }

  @AfterEach
  void dropDatabase() throws IOException {
    TestDatabases.dropDatabase(databaseUrl);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aTokenUsedDuringTheOverlapOutlivesTheOldPepperAndOneNeverUsedDoesNot() throws IOException {
    String keyA = pepperA.substring(0, pepperA.indexOf(':'));
    String keyB = pepperB.substring(0, pepperB.indexOf(':'));

    writePepperFile(pepperA);
    record Minted(String owner, CreateApiTokenResponse used, CreateApiTokenResponse unused) {}
    Minted minted = withServer(channel -> {
      CreateTenantResponse tenant = createTenant(channel, "Rotation Co", "owner@rotation.test");
      String owner = tenant.getOwnerTokenSecret();
      return new Minted(owner, mint(channel, owner, tenant.getOwner().getName(), "used"),
          mint(channel, owner, tenant.getOwner().getName(), "unused"));
    });
    assertThat(keyIdOf(minted.used().getApiToken())).isEqualTo(keyA);

    // B becomes primary, A verifies only.
    writePepperFile(pepperB + "\n" + pepperA + "\n");
    withServer(channel -> {
      assertThat(identity(channel, minted.used().getSecret()).getPrincipal()).isNotEmpty();
      return null;
    });
    assertThat(keyIdOf(minted.used().getApiToken())).isEqualTo(keyB);
    assertThat(keyIdOf(minted.unused().getApiToken())).isEqualTo(keyA);

    // A removed.
    writePepperFile(pepperB + "\n");
    withServer(channel -> {
      assertThat(identity(channel, minted.used().getSecret()).getPrincipal()).isNotEmpty();
      assertThatThrownBy(() -> identity(channel, minted.unused().getSecret()))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      return null;
    });
  }

  @Test
  void aTenantsIngestTokenUsedDuringTheOverlapOutlivesTheOldPepper() throws IOException {
    String keyA = pepperA.substring(0, pepperA.indexOf(':'));
    String keyB = pepperB.substring(0, pepperB.indexOf(':'));
    writePepperFile(pepperA);
    String ingest = withServer(channel -> {
      String owner = createTenant(channel, "Ingest Co", "owner@ingest.test")
          .getOwnerTokenSecret();
      String secret = AnalyticsServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(owner))
          .rotateIngestToken(RotateIngestTokenRequest.getDefaultInstance()).getSecret();
      assertThat(pushOne(channel, secret)).isEqualTo(1);
      return secret;
    });
    assertThat(ingestKeyIds()).containsExactly(keyA);

    writePepperFile(pepperB + "\n" + pepperA + "\n");
    withServer(channel -> pushOne(channel, ingest));
    assertThat(ingestKeyIds()).as("re-hashed to the new primary on use").containsExactly(keyB);

    writePepperFile(pepperB + "\n");
    int accepted = withServer(channel -> pushOne(channel, ingest));
    assertThat(accepted).isEqualTo(1);
  }

  @Test
  void peppersMayAlsoComeFromTheEnvironmentSeparatedByCommas() throws IOException {
    writePepperFile(pepperA);
    String[] token = new String[1];
    withServer(channel -> {
      token[0] = createTenant(channel, "Env Co", "owner@env.test")
          .getOwnerTokenSecret();
      return null;
    });

    try (Running running = start(Optional.of(pepperB + "," + pepperA))) {
      assertThat(identity(running.channel(), token[0]).getPrincipal()).isNotEmpty();
    }
  }

  private <T> T withServer(Function<ManagedChannel, T> work) {
    try (Running running = start(Optional.empty())) {
      return work.apply(running.channel());
    }
  }

  private record Running(LatchkeyServer server, ManagedChannel channel) implements AutoCloseable {
    @Override
    public void close() {
      try {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private Running start(Optional<String> pepperFromEnvironment) {
    LatchkeyServer server = LatchkeyServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(databaseUrl), dir,
        Optional.empty(), pepperFromEnvironment.isPresent() ? Optional.empty() : Optional.of(pepperFile),
        pepperFromEnvironment));
    return new Running(server, NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build());
  }

  private void writePepperFile(String text) throws IOException {
    Files.writeString(pepperFile, text);
    // The server refuses a pepper file that group or others may read.
    Files.setPosixFilePermissions(pepperFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  private String operatorToken() {
    try {
      return Files.readString(dir.resolve("operator-token")).strip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String keyIdOf(ApiToken token) {
    String id = token.getName().substring(token.getName().lastIndexOf('/') + 1);
    return Sql.strings(dataSource(), "select pepper_key_id from api_token where id = '" + id + "'").getFirst();
  }

  private CreateTenantResponse createTenant(ManagedChannel channel, String displayName, String ownerEmail) {
    return TenantServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder()
            .setTenant(Tenant.newBuilder().setDisplayName(displayName))
            .setOwnerEmail(ownerEmail)
            .setOwnerDisplayName("Owner")
            .build());
  }

  private java.util.List<String> ingestKeyIds() {
    return Sql.strings(dataSource(), "select pepper_key_id from ingest_token");
  }

  /** One metric value through IngestService; returns how many items were accepted. */
  private static int pushOne(ManagedChannel channel, String ingestToken) {
    return IngestServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(ingestToken))
        .pushMetrics(PushMetricsRequest.newBuilder().addMetrics(MetricPoint.newBuilder().setMetric("m").setValue(1)
            .setTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(java.time.Instant.now().getEpochSecond())))
            .build())
        .getAcceptedCount();
  }

  private DataSource dataSource() {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(databaseUrl);
    return source;
  }

  private static CreateApiTokenResponse mint(ManagedChannel channel, String owner, String user, String name) {
    return ApiTokenServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(owner))
        .createApiToken(CreateApiTokenRequest.newBuilder()
            .setParent(user)
            .setApiToken(ApiToken.newBuilder().setDisplayName(name))
            .build());
  }

  private static CallerIdentity identity(ManagedChannel channel, String token) {
    return AuthServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(token))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
  }
}
