package dev.latchkey.adapter.grpc.mapping;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.latchkey.domain.analytics.Activity;
import dev.latchkey.domain.analytics.IngestOutcome;
import dev.latchkey.domain.analytics.IngestRejection;
import dev.latchkey.domain.analytics.IngestTokenView;
import dev.latchkey.proto.v1.IngestToken;
import java.time.Instant;
import java.util.Optional;

/** Analytics values between the API's messages and the domain's. */
public final class AnalyticsMapping {
  /** The earliest and latest times a Timestamp may hold (0001-01-01 to 9999-12-31, as in JSON). */
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;

  private AnalyticsMapping() {}

  /** The time in {@code timestamp}, empty when it is not a valid Timestamp. */
  public static Optional<Instant> instant(Timestamp timestamp) {
    if (timestamp.getSeconds() < MIN_SECONDS || timestamp.getSeconds() > MAX_SECONDS
        || timestamp.getNanos() < 0 || timestamp.getNanos() > 999_999_999) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
  }

  /**
   * {@code properties} as a JSON object.
   *
   * @throws IllegalArgumentException if it holds what JSON cannot (NaN, infinities) or nests too deeply
   */
  public static String json(Struct properties) {
    try {
      return StructJson.print(properties);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("properties: must be representable as JSON (no NaN or infinite numbers, "
          + "at most " + StructJson.MAX_DEPTH + " levels deep)", e);
    }
  }

  public static dev.latchkey.proto.v1.Activity activity(Activity activity) {
    Struct.Builder properties = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(activity.propertiesJson(), properties);
    } catch (InvalidProtocolBufferException e) {
      // Stored only after printing from a Struct; unreadable JSON would be a bug, shown as no properties.
      properties.clear();
    }
    return dev.latchkey.proto.v1.Activity.newBuilder()
        .setEndUserExternalId(activity.endUserExternalId())
        .setAction(activity.action())
        .setTime(ProtoMapper.timestamp(activity.time()))
        .setCompanyExternalId(activity.companyExternalId())
        .setProperties(properties)
        .build();
  }

  public static IngestToken ingestToken(IngestTokenView view) {
    IngestToken.Builder token = IngestToken.newBuilder()
        .setPrefix(view.current().prefix())
        .setCreateTime(ProtoMapper.timestamp(view.current().createTime()));
    view.current().lastUseTime().ifPresent(t -> token.setLastUseTime(ProtoMapper.timestamp(t)));
    view.previousExpireTime().ifPresent(t -> token.setPreviousTokenExpireTime(ProtoMapper.timestamp(t)));
    return token.build();
  }

  public static dev.latchkey.proto.v1.IngestRejection rejection(IngestRejection rejection) {
    return dev.latchkey.proto.v1.IngestRejection.newBuilder()
        .setIndex(rejection.index())
        .setReason(rejection.reason())
        .build();
  }

  /** The accepted count and the rejections of {@code outcome}, for either ingestion response. */
  public static dev.latchkey.proto.v1.TrackActivitiesResponse trackResponse(IngestOutcome outcome) {
    return dev.latchkey.proto.v1.TrackActivitiesResponse.newBuilder()
        .setAcceptedCount(outcome.acceptedCount())
        .addAllRejected(outcome.rejected().stream().map(AnalyticsMapping::rejection).toList())
        .build();
  }

  public static dev.latchkey.proto.v1.PushMetricsResponse pushResponse(IngestOutcome outcome) {
    return dev.latchkey.proto.v1.PushMetricsResponse.newBuilder()
        .setAcceptedCount(outcome.acceptedCount())
        .addAllRejected(outcome.rejected().stream().map(AnalyticsMapping::rejection).toList())
        .build();
  }
}
