package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.TestDatabases;
import dev.latchkey.app.config.ServerConfig;
import dev.latchkey.app.server.LatchkeyServer;
import dev.latchkey.app.server.TestCertificates;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CallerIdentity;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server with --tls-cert and --tls-key, called the way a client service would over TLS. */
class TlsEndToEndTest {
  @TempDir
  static Path dir;

  private static String databaseUrl;
  private static LatchkeyServer server;
  private static TestCertificates.Pair certificate;

  @BeforeAll
  static void start() throws Exception {
    certificate = TestCertificates.selfSigned(dir, "latchkey");
    databaseUrl = TestDatabases.createDatabase(TlsEndToEndTest.class.getSimpleName());
    server = LatchkeyServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(databaseUrl), dir.resolve("var"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(certificate.cert()),
        Optional.of(certificate.key())));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (databaseUrl != null) {
      TestDatabases.dropDatabase(databaseUrl);
    }
  }

  private static ManagedChannel channel(ChannelCredentials credentials) {
    return NettyChannelBuilder.forAddress("localhost", server.port(), credentials).build();
  }

  private static ServingStatus health(ManagedChannel channel) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance()).getStatus();
  }

  @Test
  void aClientTrustingTheCertificateIsServedOverTls() throws Exception {
    ManagedChannel channel = channel(TlsChannelCredentials.newBuilder().trustManager(certificate.cert().toFile()).build());
    try {
      String operatorToken = Files.readString(dir.resolve("var/operator-token")).strip();

      assertThat(health(channel)).isEqualTo(ServingStatus.SERVING);
      CallerIdentity identity = AuthServiceGrpc.newBlockingStub(channel)
          .withCallCredentials(bearer(operatorToken))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
      assertThat(identity.getPrincipal()).isEqualTo("operator");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPlaintextClientGetsNoAnswer() throws Exception {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      assertThatThrownBy(() -> health(channel))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateGetsNoAnswer() throws Exception {
    ManagedChannel channel = channel(TlsChannelCredentials.create());
    try {
      assertThatThrownBy(() -> health(channel))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
