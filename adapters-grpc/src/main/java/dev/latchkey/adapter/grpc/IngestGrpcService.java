package dev.latchkey.adapter.grpc;

import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.AnalyticsMapping;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.application.port.in.IngestItem;
import dev.latchkey.application.port.in.PushMetricsCommand;
import dev.latchkey.application.port.in.PushMetricsUseCase;
import dev.latchkey.application.port.in.TrackActivitiesCommand;
import dev.latchkey.application.port.in.TrackActivitiesUseCase;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.analytics.IngestOutcome;
import dev.latchkey.domain.analytics.IngestRejection;
import dev.latchkey.domain.analytics.MetricPoint;
import dev.latchkey.proto.v1.IngestServiceGrpc;
import dev.latchkey.proto.v1.PushMetricsRequest;
import dev.latchkey.proto.v1.PushMetricsResponse;
import dev.latchkey.proto.v1.TrackActivitiesRequest;
import dev.latchkey.proto.v1.TrackActivitiesResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code latchkey.v1.IngestService}: activities and metric values sent with a tenant's ingest token.
 * A call with no items or more than 5,000 is refused whole; a bad item is refused alone, with a reason.
 */
public final class IngestGrpcService extends IngestServiceGrpc.IngestServiceImplBase {
  private final TrackActivitiesUseCase trackActivities;
  private final PushMetricsUseCase pushMetrics;

  @Inject
  public IngestGrpcService(TrackActivitiesUseCase trackActivities, PushMetricsUseCase pushMetrics) {
    this.trackActivities = trackActivities;
    this.pushMetrics = pushMetrics;
  }

  @Override
  public void trackActivities(TrackActivitiesRequest request, StreamObserver<TrackActivitiesResponse> response) {
    checkCount("activities", request.getActivitiesCount());
    Items<Activity> items = items(request.getActivitiesList(), a -> new Activity(a.getEndUserExternalId(),
        a.getAction(), time(a.hasTime(), a.getTime()), a.getCompanyExternalId(),
        AnalyticsMapping.json(a.getProperties())));
    IngestOutcome outcome =
        trackActivities.execute(CallPrincipal.current(), new TrackActivitiesCommand(items.good, items.bad));
    response.onNext(AnalyticsMapping.trackResponse(outcome));
    response.onCompleted();
  }

  @Override
  public void pushMetrics(PushMetricsRequest request, StreamObserver<PushMetricsResponse> response) {
    checkCount("metrics", request.getMetricsCount());
    Items<MetricPoint> items = items(request.getMetricsList(), m -> new MetricPoint(m.getMetric(), m.getValue(),
        time(m.hasTime(), m.getTime()), m.getCompanyExternalId()));
    IngestOutcome outcome =
        pushMetrics.execute(CallPrincipal.current(), new PushMetricsCommand(items.good, items.bad));
    response.onNext(AnalyticsMapping.pushResponse(outcome));
    response.onCompleted();
  }

  /** Counted before any item is read: a malformed call is refused whole. */
  private static void checkCount(String field, int count) {
    RequestFields fields = new RequestFields();
    if (count == 0) {
      fields.violation(field, "must not be empty");
    } else if (count > IngestOutcome.MAX_ITEMS) {
      fields.violation(field, "must be at most " + IngestOutcome.MAX_ITEMS + " items, not " + count);
    }
    fields.check();
  }

  private record Items<T>(List<IngestItem<T>> good, List<IngestRejection> bad) {}

  private static <P, T> Items<T> items(List<P> messages, Function<P, T> make) {
    List<IngestItem<T>> good = new ArrayList<>(messages.size());
    List<IngestRejection> bad = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      try {
        good.add(new IngestItem<>(i, make.apply(messages.get(i))));
      } catch (IllegalArgumentException e) {
        bad.add(new IngestRejection(i, Objects.requireNonNullElse(e.getMessage(), "is invalid")));
      }
    }
    return new Items<>(good, bad);
  }

  private static Instant time(boolean present, com.google.protobuf.Timestamp time) {
    if (!present) {
      throw new IllegalArgumentException("time: is required");
    }
    Optional<Instant> instant = AnalyticsMapping.instant(time);
    if (instant.isEmpty()) {
      throw new IllegalArgumentException("time: is not a valid timestamp");
    }
    return instant.get();
  }
}
