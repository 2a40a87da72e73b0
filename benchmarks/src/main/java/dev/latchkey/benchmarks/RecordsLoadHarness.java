package dev.latchkey.benchmarks;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.latchkey.app.config.ServerConfig;
import dev.latchkey.app.server.LatchkeyServer;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.BatchUpsertRecordsRequest;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateRecordRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.Record;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * Records over the real server (Netty on 127.0.0.1, a fresh PostgreSQL database), one run side by
 * side: single {@code CreateRecord} calls against {@code GetCallerIdentity} calls (the same private
 * app token, the same calls in flight), then {@code BatchUpsertRecords} with 1,000-record batches,
 * first all new records, then the same external ids with changed fields. Prints calls/s, rows/s
 * and p50/p99 latency per phase.
 *
 * <p>Client and server share this JVM and the machine's cores. Rate limits are off.
 */
public final class RecordsLoadHarness {
  private static final String USAGE = """
      usage: RecordsLoadHarness [--warmup-seconds N] [--measure-seconds N] [--concurrency N] [--batch-concurrency N]
        --warmup-seconds     unmeasured load before each measured window (default 5)
        --measure-seconds    measured window per phase (default 15)
        --concurrency        single calls in flight (default 16)
        --batch-concurrency  batches of 1,000 in flight (default 2)
      database: LATCHKEY_BENCH_DATABASE_URL, else a fresh database on 127.0.0.1:5432 (dropped at the end)""";

  private static final int BATCH = 1000;
  private static final long CALL_DEADLINE_SECONDS = 60;
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  record Options(int warmupSeconds, int measureSeconds, int concurrency, int batchConcurrency) {
    static Options parse(String[] args) {
      int[] values = {5, 15, 16, 2};
      List<String> flags = List.of("--warmup-seconds", "--measure-seconds", "--concurrency", "--batch-concurrency");
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("-h") || args[i].equals("--help")) {
          System.out.println(USAGE);
          System.exit(0);
        }
        int index = flags.indexOf(args[i]);
        if (index < 0 || i + 1 >= args.length) {
          throw new IllegalArgumentException("bad flag " + args[i] + "\n" + USAGE);
        }
        try {
          values[index] = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(flags.get(index) + " needs a number\n" + USAGE);
        }
      }
      if (values[0] < 0 || values[1] < 1 || values[2] < 1 || values[2] > 1000 || values[3] < 1 || values[3] > 64) {
        throw new IllegalArgumentException("out of range\n" + USAGE);
      }
      return new Options(values[0], values[1], values[2], values[3]);
    }
  }

  /** What one measured window produced. */
  @SuppressWarnings("ArrayRecordComponent") // a report, never compared
  record Result(String phase, long calls, long rows, double seconds, long[] sortedNanos, long errors) {
    double millis(double percentile) {
      if (sortedNanos.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.length) - 1;
      return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
  }

  private RecordsLoadHarness() {}

  public static void main(String[] args) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "latchkey-benchmarks-logback.xml");
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
    Path dataDir = Files.createTempDirectory("latchkey-bench-records-");
    try (BenchDatabase database = BenchDatabase.open("records")) {
      LatchkeyServer server = LatchkeyServer.start(new ServerConfig("127.0.0.1", 0, Optional.of(database.url()),
          dataDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          RequestsPerMinute.NONE));
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
          .usePlaintext().directExecutor().maxInboundMessageSize(16 * 1024 * 1024).build();
      try {
        Channel app = ClientInterceptors.intercept(channel, bearer(appToken(channel, dataDir)));
        System.out.printf(Locale.ROOT, "records harness: 127.0.0.1:%d, %d single calls / %d batches in flight, "
                + "%d s warm-up + %d s measured per phase, %d cores%n", server.port(), options.concurrency(),
            options.batchConcurrency(), options.warmupSeconds(), options.measureSeconds(),
            Runtime.getRuntime().availableProcessors());
        AtomicLong next = new AtomicLong();
        List<Result> results = new ArrayList<>();
        results.add(drive("GetCallerIdentity", app, AuthServiceGrpc.getGetCallerIdentityMethod(),
            n -> GetCallerIdentityRequest.getDefaultInstance(), 1, options.concurrency(), options));
        results.add(drive("CreateRecord", app, RecordServiceGrpc.getCreateRecordMethod(),
            n -> CreateRecordRequest.newBuilder().setParent("dataModels/companies")
                .setRecord(record("single-" + next.getAndIncrement(), 0)).build(),
            1, options.concurrency(), options));
        // New records: each batch takes the next 1,000 external ids.
        AtomicLong batches = new AtomicLong();
        results.add(drive("BatchUpsert 1000 new", app, RecordServiceGrpc.getBatchUpsertRecordsMethod(),
            n -> batch(batches.getAndIncrement(), 0), BATCH, options.batchConcurrency(), options));
        // The same ids again with one field changed: every row an update with a revision.
        long created = batches.get();
        AtomicLong again = new AtomicLong();
        results.add(drive("BatchUpsert 1000 changed", app, RecordServiceGrpc.getBatchUpsertRecordsMethod(),
            n -> {
              long i = again.getAndIncrement();
              return batch(i % created, 1 + i / created);
            }, BATCH, options.batchConcurrency(), options));
        return report(results);
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

  /** A tenant, a private app with every action on companies, and the secret of a token of it. */
  private static String appToken(ManagedChannel channel, Path dataDir) throws IOException {
    String operator = Files.readString(dataDir.resolve("operator-token")).strip();
    String owner = TenantServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel, bearer(operator)))
        .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName("Records bench"))
            .setOwnerEmail("owner@records-bench.example.com").setOwnerDisplayName("Owner").build())
        .getOwnerTokenSecret();
    Channel admin = ClientInterceptors.intercept(channel, bearer(owner));
    PrivateApp app = PrivateAppServiceGrpc.newBlockingStub(admin).createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Sync").addGrants(Grant.newBuilder()
            .setDataModel("companies").addActions(Action.ACTION_READ).addActions(Action.ACTION_CREATE)
            .addActions(Action.ACTION_UPDATE))).build());
    return ApiTokenServiceGrpc.newBlockingStub(admin).createApiToken(CreateApiTokenRequest.newBuilder()
        .setParent(app.getName()).setApiToken(ApiToken.newBuilder().setDisplayName("bench")).build()).getSecret();
  }

  private static BatchUpsertRecordsRequest batch(long index, long generation) {
    BatchUpsertRecordsRequest.Builder request = BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/companies");
    for (int i = 0; i < BATCH; i++) {
      request.addRecords(record("batch-" + index + "-" + i, generation));
    }
    return request.build();
  }

  /** A record of about 200 bytes of JSON: six keys, a list among them. */
  private static Record record(String externalId, long generation) {
    return Record.newBuilder().setExternalId(externalId).setFields(Struct.newBuilder()
        .putFields("name", text("Company " + externalId))
        .putFields("domain", text(externalId + ".example.com"))
        .putFields("seats", Value.newBuilder().setNumberValue((double) (10 + generation)).build())
        .putFields("plan", text(generation % 2 == 0 ? "growth" : "enterprise"))
        .putFields("active", Value.newBuilder().setBoolValue(true).build())
        .putFields("tags", Value.newBuilder().setListValue(ListValue.newBuilder()
            .addValues(text("b2b")).addValues(text("emea"))).build()))
        .build();
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }

  /** Warm-up, then the measured window, with {@code inFlight} calls in flight throughout. */
  private static <Q, R> Result drive(
      String phase, Channel channel, MethodDescriptor<Q, R> method, LongFunction<Q> requests, int rowsPerCall,
      int inFlight, Options options) throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong errors = new AtomicLong();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    long measureStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
    long measureEnd = measureStart + TimeUnit.SECONDS.toNanos(options.measureSeconds());
    for (long n = 0; ; n++) {
      permits.acquire();
      long start = System.nanoTime();
      if (start >= measureEnd) {
        permits.release();
        break;
      }
      boolean measured = start >= measureStart;
      ClientCalls.asyncUnaryCall(channel.newCall(method,
          CallOptions.DEFAULT.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)), requests.apply(n),
          new StreamObserver<R>() {
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
                latencies.add(System.nanoTime() - start);
              }
              permits.release();
            }
          });
    }
    if (!permits.tryAcquire(inFlight, CALL_DEADLINE_SECONDS + 5, TimeUnit.SECONDS)) {
      throw new IllegalStateException("calls still in flight after their deadline");
    }
    double seconds = (System.nanoTime() - measureStart) / 1e9;
    if (firstError.get() != null) {
      System.err.println(phase + ": " + errors.get() + " failed call(s), the first: " + firstError.get());
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    Result result = new Result(phase, sorted.length, (long) sorted.length * rowsPerCall, seconds, sorted,
        errors.get());
    System.out.printf(Locale.ROOT, "  %-26s %,10.0f calls/s %,10.0f rows/s  p50 %8.3f ms  p99 %8.3f ms  errors %d%n",
        phase, result.calls() / seconds, result.rows() / seconds, result.millis(50), result.millis(99),
        result.errors());
    return result;
  }

  private static boolean report(List<Result> results) {
    System.out.println();
    System.out.println("phase                           calls    calls/s     rows/s    p50 ms    p99 ms  errors");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-26s %10d %10.0f %10.0f %9.3f %9.3f %7d%n", r.phase(), r.calls(),
          r.calls() / r.seconds(), r.rows() / r.seconds(), r.millis(50), r.millis(99), r.errors());
    }
    double ratio = (results.get(1).calls() / results.get(1).seconds())
        / (results.get(0).calls() / results.get(0).seconds());
    System.out.printf(Locale.ROOT, "%nCreateRecord / GetCallerIdentity throughput: %.3f%n", ratio);
    double fresh = results.get(2).rows() / results.get(2).seconds();
    double changed = results.get(3).rows() / results.get(3).seconds();
    System.out.printf(Locale.ROOT, "BatchUpsertRecords rows/s, new / changed: %.0f / %.0f (target >= 20,000: %s / %s)%n",
        fresh, changed, fresh >= 20_000 ? "met" : "NOT met", changed >= 20_000 ? "met" : "NOT met");
    return results.stream().allMatch(r -> r.errors() == 0);
  }

  private static ClientInterceptor bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }
}
