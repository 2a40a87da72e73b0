package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Duration;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.rpc.BadRequest;
import dev.latchkey.proto.v1.Activity;
import dev.latchkey.proto.v1.Aggregation;
import dev.latchkey.proto.v1.AnalyticsServiceGrpc;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.GetIngestTokenRequest;
import dev.latchkey.proto.v1.IngestRejection;
import dev.latchkey.proto.v1.IngestServiceGrpc;
import dev.latchkey.proto.v1.IngestToken;
import dev.latchkey.proto.v1.Interval;
import dev.latchkey.proto.v1.ListActivitiesRequest;
import dev.latchkey.proto.v1.ListActivitiesResponse;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.MetricBucket;
import dev.latchkey.proto.v1.MetricPoint;
import dev.latchkey.proto.v1.PushMetricsRequest;
import dev.latchkey.proto.v1.PushMetricsResponse;
import dev.latchkey.proto.v1.QueryMetricsRequest;
import dev.latchkey.proto.v1.RotateIngestTokenRequest;
import dev.latchkey.proto.v1.RotateIngestTokenResponse;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.TrackActivitiesRequest;
import dev.latchkey.proto.v1.TrackActivitiesResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Analytics ingestion through the real server: the tenant's ingest token (rotation, overlap,
 * isolation), per-item rejections, and what the queries give back of what was sent.
 */
class AnalyticsEndToEndTest {
  @RegisterExtension static final RunningLatchkey latchkey = new RunningLatchkey();

  @Test
  void aRotationKeepsThePreviousTokenWorkingForTheOverlapOnly() throws Exception {
    CreateTenantResponse tenant = createTenant("Overlap");
    String admin = tenant.getOwnerTokenSecret();
    RotateIngestTokenResponse first = rotate(admin, null);
    assertThat(first.getSecret()).matches("^lkt_[0-9A-Za-z]{49}$");
    assertThat(first.getIngestToken().getPrefix()).isEqualTo(first.getSecret().substring(0, 10));
    assertThat(first.getIngestToken().hasPreviousTokenExpireTime()).isFalse();

    RotateIngestTokenResponse second = rotate(admin, Duration.newBuilder().setSeconds(2).build());

    IngestToken shown = analytics(admin).getIngestToken(GetIngestTokenRequest.getDefaultInstance());
    assertThat(shown.getPrefix()).isEqualTo(second.getIngestToken().getPrefix());
    assertThat(shown.hasCreateTime()).isTrue();
    Instant previousExpires = instant(shown.getPreviousTokenExpireTime());
    assertThat(previousExpires).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3));
    assertThat(pushOne(first.getSecret(), "m", 1).getAcceptedCount()).isEqualTo(1);
    assertThat(pushOne(second.getSecret(), "m", 1).getAcceptedCount()).isEqualTo(1);
    assertThat(analytics(admin).getIngestToken(GetIngestTokenRequest.getDefaultInstance()).hasLastUseTime())
        .isTrue();

    while (!Instant.now().isAfter(previousExpires.plusMillis(100))) {
      Thread.sleep(100);
    }

    assertThat(code(() -> pushOne(first.getSecret(), "m", 1))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(pushOne(second.getSecret(), "m", 1).getAcceptedCount()).isEqualTo(1);
    assertThat(analytics(admin).getIngestToken(GetIngestTokenRequest.getDefaultInstance())
        .hasPreviousTokenExpireTime()).isFalse();
    var audit = AuditServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(admin))
        .listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget("ingestToken").build()).getAuditEventsList();
    assertThat(audit).extracting(e -> e.getAction()).containsExactly("ingest_token.rotated", "ingest_token.rotated");
    assertThat(audit.getFirst().getDetailsMap()).containsEntry("prefix", second.getIngestToken().getPrefix())
        .containsEntry("overlap", "PT2S");
    assertThat(audit.toString()).doesNotContain(first.getSecret()).doesNotContain(second.getSecret());
  }

  @Test
  void aZeroOverlapCutsThePreviousTokenOffAtOnce() {
    String admin = createTenant("Leak").getOwnerTokenSecret();
    String leaked = rotate(admin, null).getSecret();
    assertThat(pushOne(leaked, "m", 1).getAcceptedCount()).isEqualTo(1);

    String replacement = rotate(admin, Duration.getDefaultInstance()).getSecret();

    assertThat(code(() -> pushOne(leaked, "m", 1))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(pushOne(replacement, "m", 1).getAcceptedCount()).isEqualTo(1);
    assertThat(analytics(admin).getIngestToken(GetIngestTokenRequest.getDefaultInstance())
        .hasPreviousTokenExpireTime()).isFalse();
  }

  @Test
  void anIngestTokenOpensIngestionOnlyAndOtherTokensCannotIngest() {
    String admin = createTenant("Isolated").getOwnerTokenSecret();
    String ingest = rotate(admin, null).getSecret();

    assertThat(code(() -> analytics(ingest).getIngestToken(GetIngestTokenRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> rotate(ingest, null))).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> dev.latchkey.proto.v1.AuthServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(ingest))
        .getCallerIdentity(dev.latchkey.proto.v1.GetCallerIdentityRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> pushOne(admin, "m", 1))).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> pushOne(latchkey.operatorToken(), "m", 1))).isEqualTo(Status.Code.PERMISSION_DENIED);
    String madeUp = "lkt_" + "A".repeat(43);
    madeUp = madeUp + dev.latchkey.domain.token.TokenFormat.checksum(madeUp);
    String unknown = madeUp;
    assertThat(code(() -> pushOne(unknown, "m", 1))).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void eachTenantSeesOnlyWhatItsOwnTokenSent() {
    String adminA = createTenant("A").getOwnerTokenSecret();
    String adminB = createTenant("B").getOwnerTokenSecret();
    String ingestA = rotate(adminA, null).getSecret();
    String ingestB = rotate(adminB, null).getSecret();
    Instant now = Instant.now();
    track(ingestA, activity("alice", "a.only", now));
    pushOne(ingestA, "shared.metric", 5);
    pushOne(ingestB, "shared.metric", 7);

    assertThat(list(adminA, ListActivitiesRequest.getDefaultInstance()).getActivitiesList())
        .extracting(Activity::getAction).containsExactly("a.only");
    assertThat(list(adminB, ListActivitiesRequest.getDefaultInstance()).getActivitiesList()).isEmpty();
    assertThat(query(adminA, "shared.metric", Interval.INTERVAL_DAY, Aggregation.AGGREGATION_SUM, ""))
        .extracting(MetricBucket::getValue).containsExactly(5.0);
    assertThat(query(adminB, "shared.metric", Interval.INTERVAL_DAY, Aggregation.AGGREGATION_SUM, ""))
        .extracting(MetricBucket::getValue).containsExactly(7.0);
  }

  @Test
  void badItemsAreRejectedOneByOneWithTheirReasonsAndTheRestIsKept() {
    String admin = createTenant("Rejections").getOwnerTokenSecret();
    String ingest = rotate(admin, null).getSecret();
    Instant now = Instant.now();
    Struct big = Struct.newBuilder().putFields("blob", Value.newBuilder().setStringValue("x".repeat(9000)).build())
        .build();
    Struct nan = Struct.newBuilder().putFields("n", Value.newBuilder().setNumberValue(Double.NaN).build()).build();
    List<Activity> activities = List.of(
        activity("alice", "ok", now),
        activity("alice", "", now),
        activity("alice", "too.old", now.minus(31, ChronoUnit.DAYS)),
        activity("alice", "too.new", now.plus(2, ChronoUnit.DAYS)),
        activity("", "no.user", now),
        activity("alice", "big", now).toBuilder().setProperties(big).build(),
        activity("alice", "nan", now).toBuilder().setProperties(nan).build(),
        activity("alice", "nul\u0000", now),
        activity("alice", "no.time", now).toBuilder().clearTime().build(),
        activity("al\uD83D\uDE00ice", "unicode.\u00e9t\u00e9", now),
        activity("x".repeat(256), "long.user", now));

    TrackActivitiesResponse tracked = track(ingest, activities.toArray(Activity[]::new));

    assertThat(tracked.getAcceptedCount()).isEqualTo(2);
    assertThat(tracked.getRejectedList()).extracting(IngestRejection::getIndex)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 10);
    assertThat(tracked.getRejectedList()).extracting(IngestRejection::getReason).containsExactly(
        "action: must not be empty",
        "time: more than 30 days ago",
        "time: more than 1 day ahead",
        "end_user_external_id: must not be empty",
        "properties: must be at most 8192 bytes as JSON",
        "properties: must be representable as JSON (no NaN or infinite numbers, at most 32 levels deep)",
        "action: must not contain control characters",
        "time: is required",
        "end_user_external_id: must be at most 255 characters");
    assertThat(list(admin, ListActivitiesRequest.getDefaultInstance()).getActivitiesList())
        .extracting(Activity::getAction).containsExactlyInAnyOrder("ok", "unicode.\u00e9t\u00e9");

    PushMetricsResponse pushed = IngestServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(ingest))
        .pushMetrics(PushMetricsRequest.newBuilder()
            .addMetrics(point("m", 1, now, ""))
            .addMetrics(point("m", Double.NaN, now, ""))
            .addMetrics(point("m", Double.POSITIVE_INFINITY, now, ""))
            .addMetrics(point("", 1, now, ""))
            .addMetrics(point("m", 1, now.minus(40, ChronoUnit.DAYS), ""))
            .build());
    assertThat(pushed.getAcceptedCount()).isEqualTo(1);
    assertThat(pushed.getRejectedList()).extracting(IngestRejection::getReason).containsExactly(
        "value: must be a finite number, not NaN",
        "value: must be a finite number, not Infinity",
        "metric: must not be empty",
        "time: more than 30 days ago");
  }

  @Test
  void anEmptyOrOversizedCallIsRefusedWhole() {
    String ingest = rotate(createTenant("Whole").getOwnerTokenSecret(), null).getSecret();
    Instant now = Instant.now();
    PushMetricsRequest.Builder tooMany = PushMetricsRequest.newBuilder();
    for (int i = 0; i < 5_001; i++) {
      tooMany.addMetrics(point("m", i, now, ""));
    }

    StatusRuntimeException empty = catchThrowableOfType(StatusRuntimeException.class, () -> track(ingest));
    StatusRuntimeException over = catchThrowableOfType(StatusRuntimeException.class, () -> IngestServiceGrpc
        .newBlockingStub(latchkey.channel()).withCallCredentials(bearer(ingest)).pushMetrics(tooMany.build()));

    assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(violations(empty)).containsExactly("activities: must not be empty");
    assertThat(over.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(violations(over)).containsExactly("metrics: must be at most 5000 items, not 5001");
  }

  @Test
  void metricQueriesGiveBackExactlyWhatWasSent() {
    String admin = createTenant("Sums").getOwnerTokenSecret();
    String ingest = rotate(admin, null).getSecret();
    Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
    Random random = new Random(42);
    Map<Instant, List<Double>> byHour = new TreeMap<>();
    Map<Instant, List<Double>> byDay = new TreeMap<>();
    Map<Instant, List<Double>> acmeByDay = new TreeMap<>();
    List<MetricPoint> points = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      Instant time = start.plusSeconds(random.nextInt(3 * 86_400));
      // Decimal fractions whose binary sums drift: only an exact sum gives them back.
      double value = random.nextInt(2_000_001) / 1000.0 - 1000 + 0.1;
      String company = i % 3 == 0 ? "acme" : "globex";
      points.add(point("seats.used", value, time, company));
      byHour.computeIfAbsent(time.truncatedTo(ChronoUnit.HOURS), k -> new ArrayList<>()).add(value);
      byDay.computeIfAbsent(time.truncatedTo(ChronoUnit.DAYS), k -> new ArrayList<>()).add(value);
      if (company.equals("acme")) {
        acmeByDay.computeIfAbsent(time.truncatedTo(ChronoUnit.DAYS), k -> new ArrayList<>()).add(value);
      }
    }
    // Sent in two calls, so that hours are combined across calls too.
    for (List<MetricPoint> half : List.of(points.subList(0, 2_000), points.subList(2_000, 4_000))) {
      assertThat(IngestServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(ingest))
          .pushMetrics(PushMetricsRequest.newBuilder().addAllMetrics(half).build()).getAcceptedCount())
          .isEqualTo(2_000);
    }

    // The values are chosen so that summing doubles in arrival order gives other answers.
    assertThat(expected(byDay, values -> values.stream().mapToDouble(v -> v).sum()))
        .isNotEqualTo(expected(byDay, AnalyticsEndToEndTest::exactSum));
    assertThat(buckets(query(admin, "seats.used", Interval.INTERVAL_HOUR, Aggregation.AGGREGATION_SUM, "")))
        .isEqualTo(expected(byHour, AnalyticsEndToEndTest::exactSum));
    assertThat(buckets(query(admin, "seats.used", Interval.INTERVAL_DAY, Aggregation.AGGREGATION_SUM, "")))
        .isEqualTo(expected(byDay, AnalyticsEndToEndTest::exactSum));
    assertThat(buckets(query(admin, "seats.used", Interval.INTERVAL_DAY, Aggregation.AGGREGATION_SUM, "acme")))
        .isEqualTo(expected(acmeByDay, AnalyticsEndToEndTest::exactSum));
    assertThat(buckets(query(admin, "seats.used", Interval.INTERVAL_DAY, Aggregation.AGGREGATION_COUNT, "")))
        .isEqualTo(expected(byDay, values -> (double) values.size()));
    assertThat(buckets(query(admin, "seats.used", Interval.INTERVAL_DAY, Aggregation.AGGREGATION_MIN, "")))
        .isEqualTo(expected(byDay, values -> values.stream().mapToDouble(v -> v).min().orElseThrow()));
    assertThat(buckets(query(admin, "seats.used", Interval.INTERVAL_DAY, Aggregation.AGGREGATION_MAX, "")))
        .isEqualTo(expected(byDay, values -> values.stream().mapToDouble(v -> v).max().orElseThrow()));
    assertThat(buckets(query(admin, "seats.used", Interval.INTERVAL_DAY, Aggregation.AGGREGATION_AVG, "")))
        .isEqualTo(expected(byDay, values -> exactTotal(values)
            .divide(BigDecimal.valueOf(values.size()), java.math.MathContext.DECIMAL128).doubleValue()));
    assertThat(query(admin, "seats.used", Interval.INTERVAL_DAY, Aggregation.AGGREGATION_SUM, "acme"))
        .extracting(MetricBucket::getCompanyExternalId).containsOnly("acme");
  }

  @Test
  void activitiesComeBackNewestFirstFilteredAndPaged() {
    String admin = createTenant("Activities").getOwnerTokenSecret();
    String ingest = rotate(admin, null).getSecret();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Struct properties = Struct.newBuilder()
        .putFields("plan", Value.newBuilder().setStringValue("pro \"annual\"\tä").build())
        .putFields("seats", Value.newBuilder().setNumberValue(12).build())
        .build();
    List<Activity> sent = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      sent.add(activity(i % 2 == 0 ? "alice" : "bob", "page.viewed", now.minusSeconds(i)).toBuilder()
          .setCompanyExternalId("acme").setProperties(properties).build());
    }
    // The same item twice is kept twice: no deduplication.
    sent.add(sent.getFirst());
    track(ingest, sent.toArray(Activity[]::new));

    List<Activity> alice = new ArrayList<>();
    String pageToken = "";
    do {
      ListActivitiesResponse page = list(admin, ListActivitiesRequest.newBuilder().setEndUserExternalId("alice")
          .setPageSize(5).setPageToken(pageToken).build());
      alice.addAll(page.getActivitiesList());
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());

    List<Activity> expected = sent.stream().filter(a -> a.getEndUserExternalId().equals("alice"))
        .sorted(java.util.Comparator.comparing((Activity a) -> instant(a.getTime())).reversed()).toList();
    assertThat(alice).containsExactlyElementsOf(expected);
    assertThat(list(admin, ListActivitiesRequest.newBuilder().setAction("other").build()).getActivitiesList())
        .isEmpty();
    assertThat(list(admin, ListActivitiesRequest.newBuilder().setStartTime(timestamp(now.minusSeconds(2)))
        .build()).getActivitiesList()).hasSize(4);
  }

  private static List<Map.Entry<Instant, Double>> buckets(List<MetricBucket> buckets) {
    return buckets.stream().map(b -> Map.entry(instant(b.getStartTime()), b.getValue())).toList();
  }

  private static List<Map.Entry<Instant, Double>> expected(
      Map<Instant, List<Double>> values, java.util.function.Function<List<Double>, Double> aggregate) {
    return values.entrySet().stream().map(e -> Map.entry(e.getKey(), aggregate.apply(e.getValue()))).toList();
  }

  private static BigDecimal exactTotal(List<Double> values) {
    return values.stream().map(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static double exactSum(List<Double> values) {
    return exactTotal(values).doubleValue();
  }

  private static List<MetricBucket> query(
      String token, String metric, Interval interval, Aggregation aggregation, String company) {
    Instant now = Instant.now();
    return analytics(token).queryMetrics(QueryMetricsRequest.newBuilder().setMetric(metric)
            .setStartTime(timestamp(now.minus(30, ChronoUnit.DAYS))).setEndTime(timestamp(now.plusSeconds(3600)))
            .setInterval(interval).setAggregation(aggregation).setCompanyExternalId(company).build())
        .getBucketsList();
  }

  private static ListActivitiesResponse list(String token, ListActivitiesRequest request) {
    return analytics(token).listActivities(request);
  }

  private static List<String> violations(StatusRuntimeException e) throws RuntimeException {
    try {
      for (var detail : StatusProto.fromThrowable(e).getDetailsList()) {
        if (detail.is(BadRequest.class)) {
          return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
              .map(v -> v.getField() + ": " + v.getDescription()).toList();
        }
      }
    } catch (com.google.protobuf.InvalidProtocolBufferException x) {
      throw new IllegalStateException(x);
    }
    return List.of();
  }

  private static TrackActivitiesResponse track(String token, Activity... activities) {
    return IngestServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token))
        .trackActivities(TrackActivitiesRequest.newBuilder().addAllActivities(List.of(activities)).build());
  }

  private static PushMetricsResponse pushOne(String token, String metric, double value) {
    return IngestServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token))
        .pushMetrics(PushMetricsRequest.newBuilder().addMetrics(point(metric, value, Instant.now(), "")).build());
  }

  private static Activity activity(String user, String action, Instant time) {
    return Activity.newBuilder().setEndUserExternalId(user).setAction(action).setTime(timestamp(time)).build();
  }

  private static MetricPoint point(String metric, double value, Instant time, String company) {
    return MetricPoint.newBuilder().setMetric(metric).setValue(value).setTime(timestamp(time))
        .setCompanyExternalId(company).build();
  }

  private static RotateIngestTokenResponse rotate(String token, Duration overlap) {
    RotateIngestTokenRequest.Builder request = RotateIngestTokenRequest.newBuilder();
    if (overlap != null) {
      request.setOverlap(overlap);
    }
    return analytics(token).rotateIngestToken(request.build());
  }

  private static AnalyticsServiceGrpc.AnalyticsServiceBlockingStub analytics(String token) {
    return AnalyticsServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static CreateTenantResponse createTenant(String name) {
    return TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName(name))
            .setOwnerEmail("owner-" + System.nanoTime() + "@analytics.test").setOwnerDisplayName("Owner").build());
  }

  private static Status.Code code(Runnable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
    return e == null ? Status.Code.OK : e.getStatus().getCode();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
