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
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Loopback load harness: starts the real server ({@link LatchkeyServer}, Netty on 127.0.0.1, a
 * fresh PostgreSQL database), then alternates two phases, A B A B..., each a warm-up followed by a
 * measured window with a fixed number of calls in flight: (A) {@code grpc.health.v1.Health/Check}
 * without a token, (B) {@code latchkey.v1.AuthService/GetCallerIdentity} with the tenant owner's
 * personal access token. Prints throughput, p50/p99 latency and database transactions per call for
 * each phase, and the ratio of authenticated to unauthenticated throughput.
 *
 * <p>Client and server share this JVM and the machine's cores, equally in both phases.
 */
public final class LoadHarness {
  private static final String USAGE = """
      usage: LoadHarness [--warmup-seconds N] [--measure-seconds N] [--concurrency N] [--rounds N] [--max-samples N]
        --warmup-seconds   unmeasured load before each measured window (default 5)
        --measure-seconds  measured window per phase (default 15)
        --concurrency      calls in flight at any time (default 64)
        --rounds           how many times to run the pair of phases, A B A B ... (default 2)
        --max-samples      latencies kept per phase; calls beyond are counted, not sampled (default 5000000)
      database: LATCHKEY_BENCH_DATABASE_URL, else a fresh database on 127.0.0.1:5432 (dropped at the end)""";

  /** The server's logging, minus jOOQ's version warning: a resource of this module. */
  public static final String LOGBACK_CONFIG = "latchkey-benchmarks-logback.xml";

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final long CALL_DEADLINE_SECONDS = 10;

  record Options(int warmupSeconds, int measureSeconds, int concurrency, int rounds, int maxSamples) {
    Options {
      require(warmupSeconds >= 0 && warmupSeconds <= 600, "--warmup-seconds must be 0..600");
      require(measureSeconds >= 1 && measureSeconds <= 600, "--measure-seconds must be 1..600");
      require(concurrency >= 1 && concurrency <= 1000, "--concurrency must be 1..1000");
      require(rounds >= 1 && rounds <= 10, "--rounds must be 1..10");
      require(maxSamples >= 1000 && maxSamples <= 50_000_000, "--max-samples must be 1000..50000000");
    }

    static Options parse(String[] args) {
      int warmup = 5;
      int measure = 15;
      int concurrency = 64;
      int rounds = 2;
      int maxSamples = 5_000_000;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("-h") || flag.equals("--help")) {
          System.out.println(USAGE);
          System.exit(0);
        }
        require(i + 1 < args.length, flag + " needs a value\n" + USAGE);
        int value;
        try {
          value = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(flag + " needs a number\n" + USAGE);
        }
        switch (flag) {
          case "--warmup-seconds" -> warmup = value;
          case "--measure-seconds" -> measure = value;
          case "--concurrency" -> concurrency = value;
          case "--rounds" -> rounds = value;
          case "--max-samples" -> maxSamples = value;
          default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
        }
      }
      return new Options(warmup, measure, concurrency, rounds, maxSamples);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }

  /** One kind of call the harness drives. */
  record Target<Q, R>(String name, Channel channel, MethodDescriptor<Q, R> method, Q request) {
    void start(StreamObserver<R> observer) {
      ClientCalls.asyncUnaryCall(
          channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)),
          request, observer);
    }
  }

  /** What one measured window produced. */
  @SuppressWarnings("ArrayRecordComponent") // a report, never compared; the array is only read
  record Result(String phase, int round, long calls, double seconds, long[] sortedNanos, long errors,
      long databaseTransactions) {
    double callsPerSecond() {
      return calls / seconds;
    }

    double percentileMillis(double p) {
      return percentile(sortedNanos, p) / 1e6;
    }

    double transactionsPerCall() {
      return calls == 0 ? 0 : (double) databaseTransactions / calls;
    }
  }

  /** Latencies of completed calls: a fixed-size array, so recording never allocates or locks. */
  static final class Recorder {
    private final long[] nanos;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong count = new AtomicLong();

    Recorder(int capacity) {
      this.nanos = new long[capacity];
    }

    void record(long latencyNanos) {
      count.incrementAndGet();
      int i = next.getAndIncrement();
      if (i < nanos.length) {
        nanos[i] = latencyNanos;
      }
    }

    long count() {
      return count.get();
    }

    long[] sorted() {
      long[] copy = Arrays.copyOf(nanos, Math.min(next.get(), nanos.length));
      Arrays.sort(copy);
      return copy;
    }
  }

  private LoadHarness() {}

  public static void main(String[] args) throws Exception {
    // Before anything logs; a -D on the command line wins.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
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
    System.exit(run(options) ? 0 : 1);
  }

  static boolean run(Options options) throws Exception {
    Path dataDir = Files.createTempDirectory("latchkey-bench-");
    try (BenchDatabase database = BenchDatabase.open("harness")) {
      // Rate limits off: the harness measures the rest of the call path.
      LatchkeyServer server = LatchkeyServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(database.url()),
          dataDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          RequestsPerMinute.NONE));
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
          .usePlaintext()
          .directExecutor()
          .build();
      try {
        String operatorToken = Files.readString(dataDir.resolve("operator-token")).strip();
        String ownerToken = TenantServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel, bearer(operatorToken)))
            .createTenant(CreateTenantRequest.newBuilder()
                .setTenant(Tenant.newBuilder().setDisplayName("Load harness tenant"))
                .setOwnerEmail("owner@harness.example.com")
                .setOwnerDisplayName("Harness owner")
                .build())
            .getOwnerTokenSecret();

        Target<HealthCheckRequest, HealthCheckResponse> health = new Target<>("health (no token)", channel,
            HealthGrpc.getCheckMethod(), HealthCheckRequest.getDefaultInstance());
        Target<GetCallerIdentityRequest, CallerIdentity> authenticated = new Target<>("GetCallerIdentity (PAT)",
            ClientInterceptors.intercept(channel, bearer(ownerToken)), AuthServiceGrpc.getGetCallerIdentityMethod(),
            GetCallerIdentityRequest.getDefaultInstance());
        sanityCheck(channel, ownerToken);

        System.out.printf(Locale.ROOT, "load harness: 127.0.0.1:%d, %d in flight, %d s warm-up + %d s measured per "
                + "phase, %d round(s), %d cores%n", server.port(), options.concurrency(), options.warmupSeconds(),
            options.measureSeconds(), options.rounds(), Runtime.getRuntime().availableProcessors());
        List<Result> results = new ArrayList<>();
        try (Connection stats = DriverManager.getConnection(database.url())) {
          for (int round = 1; round <= options.rounds(); round++) {
            for (Target<?, ?> target : List.of(health, authenticated)) {
              Result result = drive(target, round, options, stats);
              results.add(result);
              System.out.printf(Locale.ROOT, "  %-24s round %d: %,10.0f calls/s  p50 %7.3f ms  p99 %7.3f ms"
                      + "  errors %d%n", result.phase(), round, result.callsPerSecond(), result.percentileMillis(50),
                  result.percentileMillis(99), result.errors());
            }
          }
        }
        return report(results, health.name(), authenticated.name());
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("could not delete " + dataDir + ": " + e.getMessage());
      }
    }
  }

  private static void sanityCheck(ManagedChannel channel, String ownerToken) {
    HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
    if (health.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
      throw new IllegalStateException("server not SERVING: " + health.getStatus());
    }
    CallerIdentity identity = AuthServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel, bearer(ownerToken)))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
    if (!identity.getPrincipal().startsWith("users/")) {
      throw new IllegalStateException("unexpected caller identity " + identity.getPrincipal());
    }
  }

  /** Warm-up, then the measured window, with {@code concurrency} calls in flight throughout. */
  private static <R> Result drive(Target<?, R> target, int round, Options options, Connection stats)
      throws InterruptedException, SQLException {
    Semaphore permits = new Semaphore(options.concurrency());
    Recorder recorder = new Recorder(options.maxSamples());
    AtomicLong errors = new AtomicLong();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    long start = System.nanoTime();
    long measureStart = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
    long measureEnd = measureStart + TimeUnit.SECONDS.toNanos(options.measureSeconds());
    boolean measuring = false;
    long transactionsBefore = 0;
    while (true) {
      permits.acquire();
      long now = System.nanoTime();
      if (now >= measureEnd) {
        permits.release();
        break;
      }
      if (!measuring && now >= measureStart) {
        measuring = true;
        transactionsBefore = databaseTransactions(stats);
        now = System.nanoTime();
        measureStart = now;
      }
      boolean measured = measuring;
      long callStart = now;
      target.start(new StreamObserver<>() {
        @Override
        public void onNext(R value) {}

        @Override
        public void onError(Throwable t) {
          errors.incrementAndGet();
          firstError.compareAndSet(null, t);
          permits.release();
        }

        @Override
        public void onCompleted() {
          if (measured) {
            recorder.record(System.nanoTime() - callStart);
          }
          permits.release();
        }
      });
    }
    if (!permits.tryAcquire(options.concurrency(), CALL_DEADLINE_SECONDS + 5, TimeUnit.SECONDS)) {
      throw new IllegalStateException("calls still in flight after their deadline");
    }
    double seconds = (System.nanoTime() - measureStart) / 1e9;
    long transactions = databaseTransactions(stats) - transactionsBefore;
    if (firstError.get() != null) {
      System.err.println(target.name() + ": " + errors.get() + " failed call(s), the first: " + firstError.get());
    }
    return new Result(target.name(), round, recorder.count(), seconds, recorder.sorted(), errors.get(), transactions);
  }

  /**
   * Transactions committed or rolled back in the benchmark database so far (PostgreSQL's
   * cumulative statistics, which lag by up to about a second). With autocommit, a single query is
   * one transaction.
   */
  private static long databaseTransactions(Connection stats) throws SQLException {
    try (Statement s = stats.createStatement();
        ResultSet rs = s.executeQuery("select xact_commit + xact_rollback from pg_stat_database "
            + "where datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean report(List<Result> results, String unauthenticated, String authenticated) {
    System.out.println();
    System.out.println("phase                      round      calls    calls/s   p50 ms   p99 ms  errors  db xact/call");
    for (Result r : results) {
      printRow(r.phase(), Integer.toString(r.round()), r);
    }
    Result a = combine(results, unauthenticated);
    Result b = combine(results, authenticated);
    printRow(a.phase(), "all", a);
    printRow(b.phase(), "all", b);
    double ratio = b.callsPerSecond() / a.callsPerSecond();
    System.out.printf(Locale.ROOT, "%nauthenticated / unauthenticated throughput: %.3f (target >= 0.5: %s)%n",
        ratio, ratio >= 0.5 ? "met" : "NOT met");
    return a.errors() == 0 && b.errors() == 0;
  }

  private static void printRow(String phase, String round, Result r) {
    System.out.printf(Locale.ROOT, "%-26s %5s %10d %10.0f %8.3f %8.3f %7d %13.2f%n", phase, round, r.calls(),
        r.callsPerSecond(), r.percentileMillis(50), r.percentileMillis(99), r.errors(), r.transactionsPerCall());
  }

  private static Result combine(List<Result> results, String phase) {
    List<Result> of = results.stream().filter(r -> r.phase().equals(phase)).toList();
    long[] all = of.stream().flatMapToLong(r -> Arrays.stream(r.sortedNanos())).sorted().toArray();
    return new Result(phase, 0, of.stream().mapToLong(Result::calls).sum(),
        of.stream().mapToDouble(Result::seconds).sum(), all, of.stream().mapToLong(Result::errors).sum(),
        of.stream().mapToLong(Result::databaseTransactions).sum());
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static ClientInterceptor bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
