package dev.latchkey.benchmarks;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.latchkey.app.config.ServerConfig;
import dev.latchkey.app.server.LatchkeyServer;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.proto.v1.Activity;
import dev.latchkey.proto.v1.Aggregation;
import dev.latchkey.proto.v1.AnalyticsServiceGrpc;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.IngestServiceGrpc;
import dev.latchkey.proto.v1.Interval;
import dev.latchkey.proto.v1.MetricPoint;
import dev.latchkey.proto.v1.PushMetricsRequest;
import dev.latchkey.proto.v1.QueryMetricsRequest;
import dev.latchkey.proto.v1.RotateIngestTokenRequest;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.TrackActivitiesRequest;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Analytics ingestion through the real server over Netty on 127.0.0.1: items ingested per second in
 * 5,000-item calls ({@code PushMetrics}, {@code TrackActivities}), then {@code QueryMetrics} latency
 * over 30 days of one metric holding a million values.
 *
 * <pre>java -cp benchmarks/target/latchkey-benchmarks.jar dev.latchkey.benchmarks.IngestBenchmark
 *     [--seconds N] [--concurrency N] [--query-points N] [--queries N]</pre>
 */
public final class IngestBenchmark {
  static final int BATCH = 5_000;
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** The benchmark's database, whose server processes' CPU time each window adds up. */
  private static String databaseUrl = "";

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LoadHarness.LOGBACK_CONFIG);
    }
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    int seconds = 20;
    int concurrency = 4;
    int queryPoints = 1_000_000;
    int queries = 200;
    for (int i = 0; i + 1 < args.length; i += 2) {
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--seconds" -> seconds = value;
        case "--concurrency" -> concurrency = value;
        case "--query-points" -> queryPoints = value;
        case "--queries" -> queries = value;
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    run(seconds, concurrency, queryPoints, queries);
    System.exit(0);
  }

  static void run(int seconds, int concurrency, int queryPoints, int queries) throws Exception {
    Path dataDir = Files.createTempDirectory("latchkey-ingest-bench-");
    try (BenchDatabase database = BenchDatabase.open("ingest")) {
      databaseUrl = database.url();
      LatchkeyServer server = LatchkeyServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(database.url()),
          dataDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          RequestsPerMinute.NONE));
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
          .maxInboundMessageSize(16 << 20).build();
      try {
        String operator = Files.readString(dataDir.resolve("operator-token")).strip();
        String owner = TenantServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel, bearer(operator)))
            .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName("Ingest bench"))
                .setOwnerEmail("owner@ingest.example.com").setOwnerDisplayName("Owner").build())
            .getOwnerTokenSecret();
        var analytics = AnalyticsServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel, bearer(owner)));
        String ingestToken = analytics.rotateIngestToken(RotateIngestTokenRequest.getDefaultInstance()).getSecret();
        var ingest = IngestServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel, bearer(ingestToken)));
        Instant now = Instant.now();
        System.out.printf(Locale.ROOT, "ingest benchmark: 127.0.0.1:%d, %d-item calls, %d in flight, %d cores%n",
            server.port(), BATCH, concurrency, Runtime.getRuntime().availableProcessors());

        // Metric values spread over 30 days, 100 companies and 20 metrics: nearly every value is its own hour.
        List<PushMetricsRequest> metricBatches = prebuild(16, b -> metricBatch(new Random(b), now, 20, 100));
        List<TrackActivitiesRequest> activityBatches = prebuild(16, b -> activityBatch(new Random(b), now));
        for (int round = 1; round <= 2; round++) {
          report("PushMetrics", round, drive(seconds, concurrency, i -> {
            var r = ingest.pushMetrics(metricBatches.get(i % metricBatches.size()));
            return r.getAcceptedCount();
          }));
          report("TrackActivities", round, drive(seconds, concurrency, i -> {
            var r = ingest.trackActivities(activityBatches.get(i % activityBatches.size()));
            return r.getAcceptedCount();
          }));
        }

        // A million values of one metric over the last 30 days, 20 companies.
        long loadStart = System.nanoTime();
        Random random = new Random(7);
        for (int sent = 0; sent < queryPoints; sent += BATCH) {
          PushMetricsRequest.Builder batch = PushMetricsRequest.newBuilder();
          for (int j = 0; j < BATCH; j++) {
            batch.addMetrics(MetricPoint.newBuilder().setMetric("query.metric")
                .setValue(random.nextInt(100_000) / 100.0)
                .setTime(timestamp(now.minusSeconds(random.nextInt(30 * 86_400 - 60))))
                .setCompanyExternalId("company-" + random.nextInt(20)));
          }
          ingest.pushMetrics(batch.build());
        }
        System.out.printf(Locale.ROOT, "  loaded %,d values of one metric in %.1f s%n", queryPoints,
            (System.nanoTime() - loadStart) / 1e9);
        for (Interval interval : List.of(Interval.INTERVAL_DAY, Interval.INTERVAL_HOUR)) {
          for (String company : List.of("", "company-3")) {
            QueryMetricsRequest request = QueryMetricsRequest.newBuilder().setMetric("query.metric")
                .setStartTime(timestamp(now.minusSeconds(30 * 86_400))).setEndTime(timestamp(now.plusSeconds(60)))
                .setInterval(interval).setAggregation(Aggregation.AGGREGATION_SUM).setCompanyExternalId(company)
                .build();
            for (int w = 0; w < 20; w++) {
              analytics.queryMetrics(request);
            }
            long[] nanos = new long[queries];
            int buckets = 0;
            for (int q = 0; q < queries; q++) {
              long start = System.nanoTime();
              buckets = analytics.queryMetrics(request).getBucketsCount();
              nanos[q] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "  QueryMetrics 30 days %-13s %-10s %3d buckets: p50 %6.2f ms  p99 %6.2f ms"
                    + "  (%d calls, one at a time)%n", interval, company.isEmpty() ? "all" : company, buckets,
                nanos[queries / 2] / 1e6, nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6, queries);
          }
        }
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

  /** Calls {@code call} from {@code concurrency} threads for {@code seconds} (after a 3 s warm-up). */
  private static double[] drive(int seconds, int concurrency, IntFunction<Integer> call) throws Exception {
    AtomicLong items = new AtomicLong();
    AtomicLong calls = new AtomicLong();
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    long[] cpuAtStart;
    long[] cpuAtEnd;
    try (ExecutorService threads = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        int thread = t;
        running.add(threads.submit(() -> {
          for (int i = thread; System.nanoTime() < end; i += concurrency) {
            long start = System.nanoTime();
            int accepted = call.apply(i);
            if (accepted != BATCH) {
              throw new IllegalStateException("accepted " + accepted + " of " + BATCH);
            }
            if (start >= warmupEnd) {
              items.addAndGet(accepted);
              calls.incrementAndGet();
              latencies.add(System.nanoTime() - start);
            }
          }
          return null;
        }));
      }
      TimeUnit.NANOSECONDS.sleep(Math.max(0, warmupEnd - System.nanoTime()));
      cpuAtStart = cpuNanos();
      for (Future<?> f : running) {
        f.get();
      }
      cpuAtEnd = cpuNanos();
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    double elapsed = (System.nanoTime() - warmupEnd) / 1e9;
    return new double[] {items.get() / elapsed, calls.get() / elapsed,
        sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6,
        sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
        calls.get() == 0 ? 0 : (cpuAtEnd[0] - cpuAtStart[0]) / 1e6 / calls.get(),
        calls.get() == 0 ? 0 : (cpuAtEnd[1] - cpuAtStart[1]) / 1e6 / calls.get()};
  }

  /**
   * CPU time used so far by this JVM (server and client) and by the PostgreSQL server processes of
   * the benchmark's database (from /proc; 0 where it cannot be read): a cost per call that the
   * other load on a shared machine moves far less than throughput.
   */
  private static long[] cpuNanos() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
    long postgres = 0;
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(databaseUrl);
        java.sql.ResultSet pids = c.createStatement().executeQuery(
            "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
      while (pids.next()) {
        try {
          String[] stat = Files.readString(Path.of("/proc/" + pids.getInt(1) + "/stat")).split(" ", -1);
          postgres += (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
          // a process that ended, or no /proc: not counted
        }
      }
    } catch (java.sql.SQLException e) {
      System.err.println("no PostgreSQL CPU figures: " + e.getMessage());
    }
    return new long[] {jvm, postgres};
  }

  private static void report(String what, int round, double[] r) {
    System.out.printf(Locale.ROOT, "  %-16s round %d: %,10.0f items/s  (%5.1f calls/s, p50 %7.1f ms, p99 %7.1f ms per call;"
            + " CPU per call: JVM %5.1f ms, PostgreSQL %5.1f ms)%n",
        what, round, r[0], r[1], r[2], r[3], r[4], r[5]);
  }

  private static <T> List<T> prebuild(int count, IntFunction<T> make) {
    List<T> built = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      built.add(make.apply(i));
    }
    return built;
  }

  private static PushMetricsRequest metricBatch(Random random, Instant now, int metrics, int companies) {
    PushMetricsRequest.Builder batch = PushMetricsRequest.newBuilder();
    for (int i = 0; i < BATCH; i++) {
      batch.addMetrics(MetricPoint.newBuilder().setMetric("metric-" + random.nextInt(metrics))
          .setValue(random.nextInt(1_000_000) / 100.0)
          .setTime(timestamp(now.minusSeconds(random.nextInt(29 * 86_400))))
          .setCompanyExternalId("company-" + random.nextInt(companies)));
    }
    return batch.build();
  }

  private static TrackActivitiesRequest activityBatch(Random random, Instant now) {
    TrackActivitiesRequest.Builder batch = TrackActivitiesRequest.newBuilder();
    for (int i = 0; i < BATCH; i++) {
      batch.addActivities(Activity.newBuilder().setEndUserExternalId("user-" + random.nextInt(10_000))
          .setAction("page.viewed").setTime(timestamp(now.minusSeconds(random.nextInt(29 * 86_400))))
          .setCompanyExternalId("company-" + random.nextInt(100))
          .setProperties(Struct.newBuilder().putFields("page", Value.newBuilder().setStringValue("/reports/"
              + random.nextInt(50)).build())));
    }
    return batch.build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  private static ClientInterceptor bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
