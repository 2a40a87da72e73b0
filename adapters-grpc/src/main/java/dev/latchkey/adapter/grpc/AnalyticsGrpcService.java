package dev.latchkey.adapter.grpc;

import com.google.protobuf.Duration;
import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.AnalyticsMapping;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.GetIngestTokenQuery;
import dev.latchkey.application.port.in.GetIngestTokenUseCase;
import dev.latchkey.application.port.in.IssuedIngestToken;
import dev.latchkey.application.port.in.ListActivitiesQuery;
import dev.latchkey.application.port.in.ListActivitiesUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.QueryMetricsQuery;
import dev.latchkey.application.port.in.QueryMetricsUseCase;
import dev.latchkey.application.port.in.RotateIngestTokenCommand;
import dev.latchkey.application.port.in.RotateIngestTokenUseCase;
import dev.latchkey.application.port.out.AnalyticsStore;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.analytics.Aggregation;
import dev.latchkey.domain.analytics.Interval;
import dev.latchkey.domain.analytics.MetricBucket;
import dev.latchkey.proto.v1.AnalyticsServiceGrpc;
import dev.latchkey.proto.v1.GetIngestTokenRequest;
import dev.latchkey.proto.v1.IngestToken;
import dev.latchkey.proto.v1.ListActivitiesRequest;
import dev.latchkey.proto.v1.ListActivitiesResponse;
import dev.latchkey.proto.v1.QueryMetricsRequest;
import dev.latchkey.proto.v1.QueryMetricsResponse;
import dev.latchkey.proto.v1.RotateIngestTokenRequest;
import dev.latchkey.proto.v1.RotateIngestTokenResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code latchkey.v1.AnalyticsService}: the tenant's ingest token and what was ingested with it. */
public final class AnalyticsGrpcService extends AnalyticsServiceGrpc.AnalyticsServiceImplBase {
  /** The longest range one QueryMetrics call covers. */
  static final java.time.Duration MAX_RANGE = java.time.Duration.ofDays(400);
  private static final int MAX_TEXT = 255;

  private final RotateIngestTokenUseCase rotate;
  private final GetIngestTokenUseCase get;
  private final ListActivitiesUseCase listActivities;
  private final QueryMetricsUseCase queryMetrics;

  @Inject
  public AnalyticsGrpcService(
      RotateIngestTokenUseCase rotate, GetIngestTokenUseCase get, ListActivitiesUseCase listActivities,
      QueryMetricsUseCase queryMetrics) {
    this.rotate = rotate;
    this.get = get;
    this.listActivities = listActivities;
    this.queryMetrics = queryMetrics;
  }

  @Override
  public void rotateIngestToken(RotateIngestTokenRequest request, StreamObserver<RotateIngestTokenResponse> response) {
    RequestFields fields = new RequestFields();
    java.time.Duration overlap = RotateIngestTokenCommand.DEFAULT_OVERLAP;
    if (request.hasOverlap()) {
      Duration d = request.getOverlap();
      if (d.getSeconds() < 0 || d.getNanos() < 0 || d.getNanos() > 999_999_999
          || d.getSeconds() > RotateIngestTokenCommand.MAX_OVERLAP.toSeconds()
          || (d.getSeconds() == RotateIngestTokenCommand.MAX_OVERLAP.toSeconds() && d.getNanos() > 0)) {
        fields.violation("overlap", "must be between 0s and 30 days (2592000s)");
      } else {
        overlap = java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos());
      }
    }
    fields.check();
    IssuedIngestToken issued = rotate.execute(CallPrincipal.current(), new RotateIngestTokenCommand(overlap));
    response.onNext(RotateIngestTokenResponse.newBuilder()
        .setIngestToken(AnalyticsMapping.ingestToken(issued.view()))
        .setSecret(issued.secret().reveal())
        .build());
    response.onCompleted();
  }

  @Override
  public void getIngestToken(GetIngestTokenRequest request, StreamObserver<IngestToken> response) {
    response.onNext(AnalyticsMapping.ingestToken(get.execute(CallPrincipal.current(), new GetIngestTokenQuery())));
    response.onCompleted();
  }

  @Override
  public void listActivities(ListActivitiesRequest request, StreamObserver<ListActivitiesResponse> response) {
    RequestFields fields = new RequestFields();
    text(fields, "end_user_external_id", request.getEndUserExternalId());
    text(fields, "company_external_id", request.getCompanyExternalId());
    text(fields, "action", request.getAction());
    Optional<Instant> from = request.hasStartTime() ? time(fields, "start_time", request.getStartTime()) : Optional.empty();
    Optional<Instant> to = request.hasEndTime() ? time(fields, "end_time", request.getEndTime()) : Optional.empty();
    fields.check();
    AnalyticsStore.ActivityFilter filter = new AnalyticsStore.ActivityFilter(request.getEndUserExternalId(),
        request.getCompanyExternalId(), request.getAction(), from, to);
    Page<Activity> page = listActivities.execute(CallPrincipal.current(),
        new ListActivitiesQuery(filter, new PageQuery(request.getPageSize(), request.getPageToken())));
    response.onNext(ListActivitiesResponse.newBuilder()
        .addAllActivities(page.items().stream().map(AnalyticsMapping::activity).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
    response.onCompleted();
  }

  @Override
  public void queryMetrics(QueryMetricsRequest request, StreamObserver<QueryMetricsResponse> response) {
    RequestFields fields = new RequestFields();
    if (request.getMetric().isEmpty()) {
      fields.violation("metric", "must not be empty");
    }
    text(fields, "metric", request.getMetric());
    text(fields, "company_external_id", request.getCompanyExternalId());
    Optional<Instant> start = request.hasStartTime() ? time(fields, "start_time", request.getStartTime())
        : missing(fields, "start_time");
    Optional<Instant> end = request.hasEndTime() ? time(fields, "end_time", request.getEndTime())
        : missing(fields, "end_time");
    if (start.isPresent() && end.isPresent()) {
      if (!end.get().isAfter(start.get())) {
        fields.violation("end_time", "must be after start_time");
      } else if (java.time.Duration.between(start.get(), end.get()).compareTo(MAX_RANGE) > 0) {
        fields.violation("end_time", "must be at most 400 days after start_time");
      }
    }
    Interval interval = switch (request.getInterval()) {
      case INTERVAL_HOUR -> Interval.HOUR;
      case INTERVAL_DAY -> Interval.DAY;
      default -> {
        fields.violation("interval", "must be INTERVAL_HOUR or INTERVAL_DAY");
        yield Interval.HOUR;
      }
    };
    Aggregation aggregation = switch (request.getAggregation()) {
      case AGGREGATION_SUM -> Aggregation.SUM;
      case AGGREGATION_AVG -> Aggregation.AVG;
      case AGGREGATION_MIN -> Aggregation.MIN;
      case AGGREGATION_MAX -> Aggregation.MAX;
      case AGGREGATION_COUNT -> Aggregation.COUNT;
      default -> {
        fields.violation("aggregation", "must be one of AGGREGATION_SUM, _AVG, _MIN, _MAX, _COUNT");
        yield Aggregation.SUM;
      }
    };
    fields.check();
    List<MetricBucket> buckets = queryMetrics.execute(CallPrincipal.current(), new QueryMetricsQuery(
        request.getMetric(), start.orElseThrow(), end.orElseThrow(), interval, aggregation,
        Optional.of(request.getCompanyExternalId()).filter(c -> !c.isEmpty())));
    QueryMetricsResponse.Builder answer = QueryMetricsResponse.newBuilder();
    for (MetricBucket bucket : buckets) {
      answer.addBuckets(dev.latchkey.proto.v1.MetricBucket.newBuilder()
          .setStartTime(ProtoMapper.timestamp(bucket.startTime()))
          .setCompanyExternalId(bucket.companyExternalId())
          .setValue(bucket.value()));
    }
    response.onNext(answer.build());
    response.onCompleted();
  }

  private static void text(RequestFields fields, String field, String value) {
    if (value.codePointCount(0, value.length()) > MAX_TEXT) {
      fields.violation(field, "must be at most " + MAX_TEXT + " characters");
    }
  }

  private static Optional<Instant> time(RequestFields fields, String field, com.google.protobuf.Timestamp time) {
    Optional<Instant> instant = AnalyticsMapping.instant(time);
    if (instant.isEmpty()) {
      fields.violation(field, "is not a valid timestamp");
    }
    return instant;
  }

  private static Optional<Instant> missing(RequestFields fields, String field) {
    fields.violation(field, "is required");
    return Optional.empty();
  }
}
