package dev.latchkey.benchmarks.suite;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.latchkey.proto.v1.Activity;
import dev.latchkey.proto.v1.Aggregation;
import dev.latchkey.proto.v1.AnalyticsServiceGrpc;
import dev.latchkey.proto.v1.IngestServiceGrpc;
import dev.latchkey.proto.v1.Interval;
import dev.latchkey.proto.v1.MetricPoint;
import dev.latchkey.proto.v1.PushMetricsRequest;
import dev.latchkey.proto.v1.PushMetricsResponse;
import dev.latchkey.proto.v1.QueryMetricsRequest;
import dev.latchkey.proto.v1.RotateIngestTokenRequest;
import dev.latchkey.proto.v1.TrackActivitiesRequest;
import io.grpc.Channel;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Analytics ingestion over the real server (issue 10), with the tenant's ingest token: items
 * ingested per second in 5,000-item calls, 4 in flight ({@code PushMetrics}: 20 metrics, 100
 * companies, times spread over 29 days; {@code TrackActivities}: page views with a property), read
 * against the 50,000 items/s target. Then one metric is loaded with values spread over the last 30
 * days (a million in {@code --full}, fewer in {@code --short}) and {@code QueryMetrics} over those 30
 * days, one call at a time, daily and hourly buckets, all companies and one: p50 and p99 against the
 * 50 ms target.
 */
final class IngestScenario implements Scenario {
  private static final int BATCH = 5_000;
  private static final int IN_FLIGHT = 4;
  private static final int DEADLINE_SECONDS = 60;
  private static final double TARGET_ITEMS_PER_SECOND = 50_000;
  private static final double TARGET_QUERY_MILLIS = 50;
  private static final long DAY = 86_400;

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public List<Figure> measure(SuiteRun run) throws Exception {
    ServerCluster servers = run.servers(1);
    ServerCluster.TenantOwner owner = servers.newTenant("ingest");
    Channel channel = servers.instance(0).channel();
    Channel analyst = ServerCluster.withToken(channel, owner.token());
    String ingestToken = AnalyticsServiceGrpc.newBlockingStub(analyst)
        .rotateIngestToken(RotateIngestTokenRequest.getDefaultInstance()).getSecret();
    Channel ingest = ServerCluster.withToken(channel, ingestToken);
    int warmup = run.mode().pick(1, 3);
    int window = run.mode().pick(3, 15);
    Instant now = Instant.now();

    List<PushMetricsRequest> metrics = prebuild(16, b -> metricBatch(new Random(b), now));
    List<TrackActivitiesRequest> activities = prebuild(16, b -> activityBatch(new Random(b), now));
    // Every item of these batches is accepted (checked once here), so items/s = calls/s x 5,000.
    var blocking = IngestServiceGrpc.newBlockingStub(ingest);
    requireAllAccepted("PushMetrics", blocking.pushMetrics(metrics.getFirst()).getAcceptedCount());
    requireAllAccepted("TrackActivities", blocking.trackActivities(activities.getFirst()).getAcceptedCount());
    run.progress("ingest: PushMetrics, then TrackActivities, %,d items a call, %d in flight (%d s + %d s each)", BATCH,
        IN_FLIGHT, warmup, window);
    LoadDriver.Result pushed = LoadDriver.driveOk("PushMetrics", new LoadDriver.Call<>(ingest,
        IngestServiceGrpc.getPushMetricsMethod(), n -> metrics.get((int) (n % metrics.size())), DEADLINE_SECONDS),
        IN_FLIGHT, warmup, window);
    LoadDriver.Result tracked = LoadDriver.driveOk("TrackActivities", new LoadDriver.Call<>(ingest,
        IngestServiceGrpc.getTrackActivitiesMethod(), n -> activities.get((int) (n % activities.size())),
        DEADLINE_SECONDS), IN_FLIGHT, warmup, window);

    String at = " (" + String.format(Locale.ROOT, "%,d", BATCH) + "-item calls, " + IN_FLIGHT + " in flight)";
    List<Figure> figures = new ArrayList<>();
    figures.add(items("ingest.push-metrics.items", "PushMetrics" + at, pushed.callsPerSecond() * BATCH));
    figures.add(items("ingest.track-activities.items", "TrackActivities" + at, tracked.callsPerSecond() * BATCH));

    int points = run.mode().pick(100_000, 1_000_000);
    run.progress("ingest: loading %,d values of one metric over 30 days", points);
    long loadStart = System.nanoTime();
    loadQueryMetric(ingest, now, points);
    run.progress("ingest: loaded in %.1f s", (System.nanoTime() - loadStart) / 1e9);
    String pointsNote = String.format(Locale.ROOT, run.mode() == Mode.FULL ? " [%,d points]" : " [%,d points: --short]",
        points);
    int queryWarmup = run.mode().pick(1, 2);
    int queryWindow = run.mode().pick(2, 10);
    for (Interval interval : List.of(Interval.INTERVAL_DAY, Interval.INTERVAL_HOUR)) {
      for (String company : List.of("", "company-3")) {
        QueryMetricsRequest request = QueryMetricsRequest.newBuilder().setMetric("query.metric")
            .setStartTime(timestamp(now.minusSeconds(30 * DAY))).setEndTime(timestamp(now.plusSeconds(60)))
            .setInterval(interval).setAggregation(Aggregation.AGGREGATION_SUM).setCompanyExternalId(company).build();
        String buckets = interval == Interval.INTERVAL_DAY ? "daily" : "hourly";
        String who = company.isEmpty() ? "all companies" : "one company";
        run.progress("ingest: QueryMetrics, 30 days %s, %s, one at a time (%d s + %d s)", buckets, who, queryWarmup,
            queryWindow);
        LoadDriver.Result queried = LoadDriver.driveOk("QueryMetrics", new LoadDriver.Call<>(analyst,
            AnalyticsServiceGrpc.getQueryMetricsMethod(), request), 1, queryWarmup, queryWindow);
        String label = "QueryMetrics, 30 days " + buckets + ", " + who;
        String key = "ingest.query." + buckets + (company.isEmpty() ? ".all" : ".company");
        figures.add(query(key + ".p50", label + " p50" + pointsNote, queried.millis(50)));
        figures.add(query(key + ".p99", label + " p99" + pointsNote, queried.millis(99)));
      }
    }
    return figures;
  }

  private static Figure items(String id, String label, double itemsPerSecond) {
    return Figure.relative(id, label, itemsPerSecond, "items/s", TARGET_ITEMS_PER_SECOND, "the target")
        .withNote("target >= 50,000 items/s: " + Figure.met(itemsPerSecond >= TARGET_ITEMS_PER_SECOND));
  }

  private static Figure query(String id, String label, double millis) {
    return Figure.relative(id, label, millis, "ms", TARGET_QUERY_MILLIS, "the target")
        .withNote("target < 50 ms: " + Figure.met(millis < TARGET_QUERY_MILLIS));
  }

  private static void requireAllAccepted(String what, int accepted) {
    if (accepted != BATCH) {
      throw new IllegalStateException(what + " accepted " + accepted + " of " + BATCH + " items");
    }
  }

  /** {@code points} values of {@code query.metric} over the last 30 days, 20 companies, 4 calls in flight. */
  private static void loadQueryMetric(Channel ingest, Instant now, int points) throws Exception {
    var stub = IngestServiceGrpc.newFutureStub(ingest);
    Random random = new Random(7);
    ArrayDeque<ListenableFuture<PushMetricsResponse>> inFlight = new ArrayDeque<>();
    for (int sent = 0; sent < points; sent += BATCH) {
      PushMetricsRequest.Builder batch = PushMetricsRequest.newBuilder();
      for (int j = 0; j < Math.min(BATCH, points - sent); j++) {
        batch.addMetrics(MetricPoint.newBuilder().setMetric("query.metric")
            .setValue(random.nextInt(100_000) / 100.0)
            .setTime(timestamp(now.minusSeconds(random.nextInt((int) (30 * DAY) - 60))))
            .setCompanyExternalId("company-" + random.nextInt(20)));
      }
      if (inFlight.size() == IN_FLIGHT) {
        checkLoaded(inFlight.removeFirst().get());
      }
      inFlight.addLast(stub.pushMetrics(batch.build()));
    }
    while (!inFlight.isEmpty()) {
      checkLoaded(inFlight.removeFirst().get());
    }
  }

  private static void checkLoaded(PushMetricsResponse response) {
    if (response.getRejectedCount() > 0) {
      throw new IllegalStateException("loading the queried metric: " + response.getRejectedCount()
          + " values rejected, the first: " + response.getRejected(0));
    }
  }

  private static <T> List<T> prebuild(int count, IntFunction<T> make) {
    List<T> built = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      built.add(make.apply(i));
    }
    return built;
  }

  /** Values of 20 metrics for 100 companies over 29 days: nearly every value is its own hour. */
  private static PushMetricsRequest metricBatch(Random random, Instant now) {
    PushMetricsRequest.Builder batch = PushMetricsRequest.newBuilder();
    for (int i = 0; i < BATCH; i++) {
      batch.addMetrics(MetricPoint.newBuilder().setMetric("metric-" + random.nextInt(20))
          .setValue(random.nextInt(1_000_000) / 100.0)
          .setTime(timestamp(now.minusSeconds(random.nextInt((int) (29 * DAY)))))
          .setCompanyExternalId("company-" + random.nextInt(100)));
    }
    return batch.build();
  }

  private static TrackActivitiesRequest activityBatch(Random random, Instant now) {
    TrackActivitiesRequest.Builder batch = TrackActivitiesRequest.newBuilder();
    for (int i = 0; i < BATCH; i++) {
      batch.addActivities(Activity.newBuilder().setEndUserExternalId("user-" + random.nextInt(10_000))
          .setAction("page.viewed").setTime(timestamp(now.minusSeconds(random.nextInt((int) (29 * DAY)))))
          .setCompanyExternalId("company-" + random.nextInt(100))
          .setProperties(Struct.newBuilder().putFields("page", Value.newBuilder().setStringValue("/reports/"
              + random.nextInt(50)).build())));
    }
    return batch.build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
