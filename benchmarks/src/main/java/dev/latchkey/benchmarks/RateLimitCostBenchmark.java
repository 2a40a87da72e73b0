package dev.latchkey.benchmarks;

import dev.latchkey.app.config.ServerConfig;
import dev.latchkey.app.server.LatchkeyServer;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CallerIdentity;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * What the rate limiter costs on every call: authenticated {@code GetCallerIdentity} (the tenant
 * owner's personal access token, a limit so high it never refuses) against the unauthenticated
 * health check, with limits off, in process and in Redis, side by side in one run. Three servers
 * ({@link LatchkeyServer}, Netty on 127.0.0.1) share one fresh database and run in this JVM; each
 * phase drives one of them with a fixed number of calls in flight, and the rounds repeat the phases
 * in turn so that drift on a shared machine hits every setting alike. Latencies go into
 * HdrHistogram; the figures are throughput, p50 and p99 per phase and each setting's cost against
 * limits off.
 */
public final class RateLimitCostBenchmark {
  private static final String USAGE = """
      usage: RateLimitCostBenchmark [--warmup-rounds N] [--warmup-seconds N] [--measure-seconds N] [--concurrency N]
                                    [--rounds N]
        --warmup-rounds    rounds of every phase run first and not counted, while the JIT settles (default 1)
        --warmup-seconds   unmeasured load before each measured window (default 5)
        --measure-seconds  measured window per phase (default 10)
        --concurrency      calls in flight at any time (default 64)
        --rounds           how many times to run the phases in turn (default 3)
      Redis: LATCHKEY_BENCH_REDIS_URL, else redis://127.0.0.1:6379 (keys under a prefix of this run's own)
      database: LATCHKEY_BENCH_DATABASE_URL, else a fresh database on 127.0.0.1:5432 (dropped at the end)""";

  /** High enough that no call of a run is ever refused: the limiter's cost, not its refusals. */
  static final RequestsPerMinute NEVER_REFUSING = new RequestsPerMinute(RequestsPerMinute.MAX);
  private static final long CALL_DEADLINE_SECONDS = 10;
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** The settings compared, in the order they run within a round. */
  enum Setting {
    OFF("limits off"), IN_PROCESS("in process"), REDIS("Redis");

    final String label;

    Setting(String label) {
      this.label = label;
    }
  }

  record Options(int warmupRounds, int warmupSeconds, int measureSeconds, int concurrency, int rounds) {
    Options {
      require(warmupRounds >= 0 && warmupRounds <= 10, "--warmup-rounds must be 0..10");
      require(warmupSeconds >= 0 && warmupSeconds <= 600, "--warmup-seconds must be 0..600");
      require(measureSeconds >= 1 && measureSeconds <= 600, "--measure-seconds must be 1..600");
      require(concurrency >= 1 && concurrency <= 1000, "--concurrency must be 1..1000");
      require(rounds >= 1 && rounds <= 10, "--rounds must be 1..10");
    }

    static Options parse(String[] args) {
      int[] values = {1, 5, 10, 64, 3};
      List<String> flags =
          List.of("--warmup-rounds", "--warmup-seconds", "--measure-seconds", "--concurrency", "--rounds");
      for (int i = 0; i < args.length; i++) {
        int index = flags.indexOf(args[i]);
        require(index >= 0, "unknown flag " + args[i] + "\n" + USAGE);
        require(i + 1 < args.length, args[i] + " needs a value\n" + USAGE);
        try {
          values[index] = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(args[i - 1] + " needs a number\n" + USAGE, e);
        }
      }
      return new Options(values[0], values[1], values[2], values[3], values[4]);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }

  /** One phase's figures over all rounds: calls completed OK in the measured windows, and latencies. */
  public record Row(String phase, long calls, double seconds, long errors, Histogram latencies) {
    public double callsPerSecond() {
      return calls / seconds;
    }

    public double percentileMillis(double percentile) {
      return latencies.getValueAtPercentile(percentile) / 1e6;
    }
  }

  /**
   * What a run measured: a row for the health check and one for {@code GetCallerIdentity} per
   * setting, in {@link Setting} order.
   */
  public record Figures(Row health, Map<Setting, Row> identity) {
    /** The share of limits-off throughput a setting loses: 0.05 is 5% fewer calls a second. */
    public double cost(Setting setting) {
      return 1 - of(setting).callsPerSecond() / of(Setting.OFF).callsPerSecond();
    }

    public Row of(Setting setting) {
      return Objects.requireNonNull(identity.get(setting), setting.label);
    }

    public boolean errorFree() {
      return health.errors() == 0 && identity.values().stream().allMatch(r -> r.errors() == 0);
    }
  }

  private RateLimitCostBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LoadHarness.LOGBACK_CONFIG);
    }
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Figures figures = run(options);
    print(figures);
    System.exit(figures.errorFree() ? 0 : 1);
  }

  /** Runs the benchmark and returns its figures (it prints each phase as it goes). */
  public static Figures run(Options options) throws Exception {
    String redisUrl = Optional.ofNullable(System.getenv("LATCHKEY_BENCH_REDIS_URL")).filter(u -> !u.isBlank())
        .orElse("redis://127.0.0.1:6379");
    String keyPrefix = "latchkey-bench:" + UUID.randomUUID() + ":";
    Path dir = Files.createTempDirectory("latchkey-ratelimit-bench-");
    List<AutoCloseable> open = new ArrayList<>();
    try (BenchDatabase database = BenchDatabase.open("ratelimit")) {
      // The servers stop before the database is dropped.
      try {
        Map<Setting, ManagedChannel> channels = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
          Path dataDir = dir.resolve(setting.name().toLowerCase(Locale.ROOT));
          Files.createDirectories(dataDir);
          // The servers share the first one's secrets: one tenant and one token work on all three.
          Optional<Path> secrets = setting == Setting.OFF ? Optional.empty() : Optional.of(dir.resolve("off"));
          LatchkeyServer server = LatchkeyServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(database.url()),
              dataDir, secrets.map(d -> d.resolve("operator-token")), secrets.map(d -> d.resolve("pepper")),
              Optional.empty(), Optional.empty(), Optional.empty(),
              setting == Setting.OFF ? RequestsPerMinute.NONE : NEVER_REFUSING,
              setting == Setting.REDIS ? Optional.of(redisUrl) : Optional.empty(), keyPrefix));
          open.addFirst(server);
          ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
              .usePlaintext().directExecutor().build();
          open.addFirst(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
          channels.put(setting, channel);
        }
        String operatorToken = Files.readString(dir.resolve("off").resolve("operator-token")).strip();
        String ownerToken = TenantServiceGrpc.newBlockingStub(
                ClientInterceptors.intercept(Objects.requireNonNull(channels.get(Setting.OFF)), bearer(operatorToken)))
            .createTenant(CreateTenantRequest.newBuilder()
                .setTenant(Tenant.newBuilder().setDisplayName("Rate limit benchmark tenant"))
                .setOwnerEmail("owner@ratelimit-bench.example.com")
                .setOwnerDisplayName("Benchmark owner")
                .build())
            .getOwnerTokenSecret();
        for (ManagedChannel channel : channels.values()) {
          CallerIdentity me = AuthServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel, bearer(ownerToken)))
              .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
          if (!me.getPrincipal().startsWith("users/")) {
            throw new IllegalStateException("unexpected caller identity " + me.getPrincipal());
          }
        }

        System.out.printf(Locale.ROOT, "rate-limit cost: %d in flight, %d s warm-up + %d s measured per phase, "
                + "%d warm-up round(s) not counted, %d round(s), %d cores, Redis %s%n", options.concurrency(),
            options.warmupSeconds(), options.measureSeconds(), options.warmupRounds(), options.rounds(),
            Runtime.getRuntime().availableProcessors(), redisUrl);
        Phase health = new Phase("health (no token)", Objects.requireNonNull(channels.get(Setting.OFF)),
            HealthGrpc.getCheckMethod(),
            HealthCheckRequest.getDefaultInstance());
        Map<Setting, Phase> identity = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
          identity.put(setting, new Phase("GetCallerIdentity, " + setting.label,
              ClientInterceptors.intercept(Objects.requireNonNull(channels.get(setting)), bearer(ownerToken)),
              AuthServiceGrpc.getGetCallerIdentityMethod(), GetCallerIdentityRequest.getDefaultInstance()));
        }
        for (int round = 1 - options.warmupRounds(); round <= options.rounds(); round++) {
          for (Phase phase : Stream.concat(Stream.of(health), identity.values().stream()).toList()) {
            phase.drive(options, round);
          }
        }
        Map<Setting, Row> rows = new LinkedHashMap<>();
        identity.forEach((setting, phase) -> rows.put(setting, phase.row()));
        return new Figures(health.row(), rows);
      } finally {
        for (AutoCloseable resource : open) {
          resource.close();
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("could not delete " + dir + ": " + e.getMessage());
      }
    }
  }

  /** The figures as a table, then each setting's cost against limits off and the targets. */
  public static void print(Figures figures) {
    System.out.println();
    System.out.println("phase                               calls    calls/s   p50 ms   p99 ms  errors");
    printRow(figures.health());
    figures.identity().values().forEach(RateLimitCostBenchmark::printRow);
    System.out.println();
    System.out.printf(Locale.ROOT, "GetCallerIdentity / health throughput, limits off: %.3f%n",
        figures.of(Setting.OFF).callsPerSecond() / figures.health().callsPerSecond());
    System.out.printf(Locale.ROOT, "cost of the in-process limiter: %5.1f%% of limits-off throughput (target <= 5%%: %s)%n",
        100 * figures.cost(Setting.IN_PROCESS), figures.cost(Setting.IN_PROCESS) <= 0.05 ? "met" : "NOT met");
    System.out.printf(Locale.ROOT, "cost of the Redis limiter:      %5.1f%% of limits-off throughput (target <= 25%%: %s)%n",
        100 * figures.cost(Setting.REDIS), figures.cost(Setting.REDIS) <= 0.25 ? "met" : "NOT met");
  }

  private static void printRow(Row row) {
    System.out.printf(Locale.ROOT, "%-32s %9d %10.0f %8.3f %8.3f %7d%n", row.phase(), row.calls(),
        row.callsPerSecond(), row.percentileMillis(50), row.percentileMillis(99), row.errors());
  }

  /** One kind of call on one server, accumulated over the rounds. */
  private static final class Phase {
    private final String name;
    private final Channel channel;
    private final MethodDescriptor<Object, Object> method;
    private final Object request;
    private final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(CALL_DEADLINE_SECONDS), 3);
    private long calls;
    private double seconds;
    private long errors;

    @SuppressWarnings("unchecked") // one phase, one method: requests and responses are never mixed
    <Q, R> Phase(String name, Channel channel, MethodDescriptor<Q, R> method, Q request) {
      this.name = name;
      this.channel = channel;
      this.method = (MethodDescriptor<Object, Object>) (MethodDescriptor<?, ?>) method;
      this.request = request;
    }

    Row row() {
      return new Row(name, calls, seconds, errors, latencies);
    }

    /**
     * Warm-up, then the measured window, with {@code concurrency} calls in flight throughout. Rounds
     * up to 0 are warm-up rounds: printed, not counted.
     */
    void drive(Options options, int round) throws InterruptedException {
      Semaphore permits = new Semaphore(options.concurrency());
      Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(CALL_DEADLINE_SECONDS), 3);
      AtomicLong completed = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      AtomicReference<@Nullable Throwable> firstError = new AtomicReference<>();
      long measureStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
      long measureEnd = measureStart + TimeUnit.SECONDS.toNanos(options.measureSeconds());
      boolean measuring = false;
      while (true) {
        permits.acquire();
        long now = System.nanoTime();
        if (now >= measureEnd) {
          permits.release();
          break;
        }
        if (!measuring && now >= measureStart) {
          measuring = true;
          measureStart = now;
        }
        boolean measured = measuring;
        long callStart = now;
        ClientCalls.asyncUnaryCall(channel.newCall(method,
            CallOptions.DEFAULT.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)), request,
            new StreamObserver<>() {
              @Override
              public void onNext(Object value) {}

              @Override
              public void onError(Throwable t) {
                if (measured) {
                  failed.incrementAndGet();
                  firstError.compareAndSet(null, t);
                }
                permits.release();
              }

              @Override
              public void onCompleted() {
                if (measured) {
                  recorder.recordValue(Math.min(System.nanoTime() - callStart,
                      TimeUnit.SECONDS.toNanos(CALL_DEADLINE_SECONDS)));
                  completed.incrementAndGet();
                }
                permits.release();
              }
            });
      }
      if (!permits.tryAcquire(options.concurrency(), CALL_DEADLINE_SECONDS + 5, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + ": calls still in flight after their deadline");
      }
      double window = (System.nanoTime() - measureStart) / 1e9;
      Histogram interval = recorder.getIntervalHistogram();
      if (round > 0) {
        latencies.add(interval);
        calls += completed.get();
        seconds += window;
        errors += failed.get();
      }
      System.out.printf(Locale.ROOT, "  %-32s %-9s: %,10.0f calls/s  p50 %7.3f ms  p99 %7.3f ms  errors %d%s%n",
          name, round > 0 ? "round " + round : "warm-up", completed.get() / window, interval.getValueAtPercentile(50) / 1e6,
          interval.getValueAtPercentile(99) / 1e6, failed.get(),
          firstError.get() == null ? "" : " (first: " + firstError.get() + ")");
    }
  }

  private static ClientInterceptor bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
