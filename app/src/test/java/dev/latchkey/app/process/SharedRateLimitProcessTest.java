package dev.latchkey.app.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.app.testing.TcpProxy;
import dev.latchkey.app.testing.TestRedis;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real server processes (their own JVMs, {@code latchkey serve}) on one database, sharing one
 * Redis through a TCP proxy that the test can cut, the way instances behind a load balancer share
 * one budget per principal.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SharedRateLimitProcessTest {
  private static final int LIMIT = 60;
  private static final Metadata.Key<String> RATELIMIT_LIMIT =
      Metadata.Key.of("ratelimit-limit", Metadata.ASCII_STRING_MARSHALLER);

  @RegisterExtension
  static final FreshDatabase database = FreshDatabase.empty();

  @TempDir
  static Path dir;

  private static TcpProxy redis;
  private static final List<ServerProcess> servers = new ArrayList<>();
  private static final List<ManagedChannel> channels = new ArrayList<>();
  private static String operatorToken;
  private static String prefix;

  @BeforeAll
  static void threeInstancesSharingOneRedis() throws Exception {
    redis = new TcpProxy(TestRedis.host(), TestRedis.port());
    prefix = TestRedis.uniquePrefix("sharedratelimitprocesstest");
    Path first = dir.resolve("first");
    for (int i = 0; i < 3; i++) {
      Path dataDir = i == 0 ? first : dir.resolve("instance-" + i);
      Files.createDirectories(dataDir);
      List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString(),
          "--database-url", database.url(), "--default-rate-limit", Integer.toString(LIMIT),
          "--redis-url", redis.redisUrl(), "--redis-key-prefix", prefix));
      if (i > 0) {
        // The first instance generated the secrets: the others share them, as a deployment would.
        args.addAll(List.of("--pepper-file", first.resolve("pepper").toString(),
            "--operator-token-file", first.resolve("operator-token").toString()));
      }
      ServerProcess server = ServerProcess.start(dataDir, args.toArray(String[]::new));
      servers.add(server);
      int port = server.awaitListening();
      channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }
    operatorToken = Files.readString(first.resolve("operator-token")).strip();
    for (ServerProcess server : servers) {
      // On a busy machine a server may not reach Redis at its first try: then it says so, and that
      // it answers again, a second later.
      server.awaitStdoutLine(l -> l.contains("rate limits shared through Redis") || l.contains("answers again"),
          Duration.ofSeconds(30));
    }
  }

  @AfterAll
  static void stopThem() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (ServerProcess server : servers) {
      server.terminate();
    }
    for (ServerProcess server : servers) {
      server.awaitExit();
      server.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void threeInstancesUnderConcurrentLoadAdmitExactlyTheBudgetBetweenThem() throws Exception {
    String token = createTenant("Shared Budget Co");
    awaitInstancesCounted(3);
    List<Long> linesBefore = servers.stream().map(SharedRateLimitProcessTest::stdoutLines).toList();

    List<Callable<Status.Code>> calls = new ArrayList<>();
    for (int i = 0; i < 3 * LIMIT; i++) {
      ManagedChannel channel = channels.get(i % 3);
      calls.add(() -> code(channel, token));
    }
    int admitted = 0;
    int refused = 0;
    long start = System.nanoTime();
    try (ExecutorService callers = Executors.newFixedThreadPool(30)) {
      for (Future<Status.Code> call : callers.invokeAll(calls)) {
        switch (call.get()) {
          case OK -> admitted++;
          case RESOURCE_EXHAUSTED -> refused++;
          default -> throw new AssertionError("unexpected " + call.get());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    for (int i = 0; i < servers.size(); i++) {
      assertThat(stdoutSince(servers.get(i), linesBefore.get(i)))
          .as("Redis answered throughout (else the instances limited alone for a while)")
          .noneMatch(l -> l.contains("does not answer"));
    }
    // The budget, plus what refills (one a second at 60 a minute) while the calls run.
    int refilled = (int) Math.ceil(seconds * LIMIT / 60.0);
    assertThat(admitted).as("admitted in %.1f s", seconds).isBetween(LIMIT, LIMIT + refilled);
    assertThat(admitted + refused).isEqualTo(3 * LIMIT);
  }

  @Test
  void whenRedisGoesAwayTheInstancesServeWithTheirShareAndGoBackToRedisWhenItAnswers() throws Exception {
    String token = createTenant("Outage Co");
    awaitInstancesCounted(3);
    assertThat(limitShown(channels.get(0), token)).isEqualTo(LIMIT);
    List<Long> linesBefore = servers.stream().map(SharedRateLimitProcessTest::stdoutLines).toList();

    redis.cut();
    try {
      for (int i = 0; i < servers.size(); i++) {
        awaitLineSince(servers.get(i), linesBefore.get(i), "does not answer");
      }
      // Each instance alone, with a third of the budget, counted afresh.
      int admitted = 0;
      long start = System.nanoTime();
      for (int i = 0; i < LIMIT / 3 + 5; i++) {
        Status.Code code = code(channels.get(1), token);
        assertThat(code).isIn(Status.Code.OK, Status.Code.RESOURCE_EXHAUSTED);
        admitted += code == Status.Code.OK ? 1 : 0;
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(admitted).isBetween(LIMIT / 3, LIMIT / 3 + 1);
      assertThat(took).as("no call waits for the Redis that is away").isLessThan(Duration.ofSeconds(10));
      assertThat(limitShown(channels.get(2), token)).isEqualTo(LIMIT / 3);
    } finally {
      redis.restore();
    }

    for (int i = 0; i < servers.size(); i++) {
      awaitLineSince(servers.get(i), linesBefore.get(i), "answers again");
    }
    assertThat(limitShown(channels.get(0), token)).isEqualTo(LIMIT);
    for (int i = 0; i < servers.size(); i++) {
      List<String> since = stdoutSince(servers.get(i), linesBefore.get(i));
      assertThat(since.stream().filter(l -> l.contains("does not answer")).count())
          .as("logged once: %s", servers.get(i).output()).isEqualTo(1);
      assertThat(since.stream().filter(l -> l.contains("answers again")).count()).isEqualTo(1);
    }
  }

  private static long stdoutLines(ServerProcess server) {
    return server.stdout().lines().count();
  }

  private static List<String> stdoutSince(ServerProcess server, long lines) {
    return server.stdout().lines().skip(lines).toList();
  }

  private static void awaitLineSince(ServerProcess server, long lines, String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (stdoutSince(server, lines).stream().noneMatch(l -> l.contains(text))) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no '" + text + "' within 30 s\n" + server.output());
      }
      Thread.sleep(100);
    }
  }

  /**
   * Waits until all {@code instances} beat in Redis, then one heartbeat more, so that each has
   * counted them all (a server started last may have counted fewer at first).
   */
  private static void awaitInstancesCounted(int instances) throws InterruptedException {
    RedisClient client = RedisClient.create(TestRedis.url());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (connection.sync().zcard(prefix + "instances") < instances) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("fewer than " + instances + " instances beat in Redis");
        }
        Thread.sleep(100);
      }
    } finally {
      client.shutdown();
    }
    Thread.sleep(Duration.ofMillis(1500));
  }

  private static Status.Code code(ManagedChannel channel, String token) {
    try {
      identity(channel, token).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private static long limitShown(ManagedChannel channel, String token) {
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    try {
      identity(channel, token)
          .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
          .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      // refused: the budget is in the trailers
    }
    Metadata budget = headers.get() != null && headers.get().containsKey(RATELIMIT_LIMIT) ? headers.get() : trailers.get();
    return Long.parseLong(budget.get(RATELIMIT_LIMIT));
  }

  private static AuthServiceGrpc.AuthServiceBlockingStub identity(ManagedChannel channel, String token) {
    return AuthServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(token))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  /** A new tenant; returns its account holder's personal access token (one budget). */
  private static String createTenant(String name) {
    return TenantServiceGrpc.newBlockingStub(channels.get(0)).withCallCredentials(bearer(operatorToken))
        .createTenant(CreateTenantRequest.newBuilder()
            .setTenant(Tenant.newBuilder().setDisplayName(name))
            .setOwnerEmail("admin@" + name.replace(" ", "").toLowerCase(Locale.ROOT) + ".test")
            .setOwnerDisplayName("Admin of " + name)
            .build())
        .getOwnerTokenSecret();
  }

  private static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(headers);
      }
    };
  }
}
