package dev.latchkey.app.e2e;

import dev.latchkey.adapter.postgres.testing.TestDatabases;
import dev.latchkey.app.config.ServerConfig;
import dev.latchkey.app.server.LatchkeyServer;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.webhook.RetrySchedule;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server (Netty on loopback, real PostgreSQL in a fresh database) for one test class, and
 * a plaintext channel to it, the way a client service would call Latchkey.
 */
final class RunningLatchkey implements BeforeAllCallback, AfterAllCallback {
  /** Enough for any test that calls fast; rate-limit tests start their server with the real default. */
  static final RequestsPerMinute GENEROUS_RATE_LIMIT = new RequestsPerMinute(1_000_000);

  private final RequestsPerMinute defaultRateLimit;
  private final boolean allowPrivateWebhookTargets;
  private final RetrySchedule webhookRetries;
  private String databaseUrl;
  private Path dataDir;
  private LatchkeyServer server;
  private ManagedChannel channel;

  RunningLatchkey() {
    this(GENEROUS_RATE_LIMIT);
  }

  /** A server whose principals get {@code defaultRateLimit} ({@code --default-rate-limit}). */
  RunningLatchkey(RequestsPerMinute defaultRateLimit) {
    this(defaultRateLimit, false, RetrySchedule.STANDARD);
  }

  private RunningLatchkey(RequestsPerMinute defaultRateLimit, boolean allowPrivateWebhookTargets,
      RetrySchedule webhookRetries) {
    this.defaultRateLimit = defaultRateLimit;
    this.allowPrivateWebhookTargets = allowPrivateWebhookTargets;
    this.webhookRetries = webhookRetries;
  }

  /**
   * A server that delivers webhooks to this machine ({@code --allow-private-webhook-targets}), with
   * {@code retries} instead of the production schedule.
   */
  static RunningLatchkey deliveringLocally(RetrySchedule retries) {
    return new RunningLatchkey(GENEROUS_RATE_LIMIT, true, retries);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    databaseUrl = TestDatabases.createDatabase(context.getRequiredTestClass().getSimpleName());
    dataDir = Files.createTempDirectory("latchkey-e2e-");
    server = anotherInstance();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  /**
   * Starts one more instance with the same settings on the same database and data directory (so
   * with the same secrets), as a second replica would run; the caller closes it.
   */
  LatchkeyServer anotherInstance() {
    return LatchkeyServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(databaseUrl), dataDir,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), defaultRateLimit,
        Optional.empty(), ServerConfig.DEFAULT_REDIS_KEY_PREFIX, Optional.empty(), Optional.empty(),
        allowPrivateWebhookTargets, webhookRetries));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
    if (databaseUrl != null) {
      TestDatabases.dropDatabase(databaseUrl);
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  ManagedChannel channel() {
    return channel;
  }

  String databaseUrl() {
    return databaseUrl;
  }

  /** The operator token the server generated into its data directory on first start. */
  String operatorToken() {
    try {
      return Files.readString(dataDir.resolve("operator-token")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CallCredentials bearer(String token) {
    return header("Bearer " + token);
  }

  static CallCredentials header(String authorization) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        applier.apply(headers);
      }
    };
  }
}
