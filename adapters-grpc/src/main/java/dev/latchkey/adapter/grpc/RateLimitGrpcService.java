package dev.latchkey.adapter.grpc;

import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoRequests;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.adapter.grpc.mapping.ResourceNames;
import dev.latchkey.application.port.in.GetRateLimitQuery;
import dev.latchkey.application.port.in.GetRateLimitUseCase;
import dev.latchkey.application.port.in.UpdateRateLimitCommand;
import dev.latchkey.application.port.in.UpdateRateLimitUseCase;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.proto.v1.GetRateLimitRequest;
import dev.latchkey.proto.v1.RateLimit;
import dev.latchkey.proto.v1.RateLimitServiceGrpc;
import dev.latchkey.proto.v1.UpdateRateLimitRequest;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.List;

/** {@code latchkey.v1.RateLimitService}: the operator's rate limits of tenants and principals. */
public final class RateLimitGrpcService extends RateLimitServiceGrpc.RateLimitServiceImplBase {
  private static final String SUFFIX = "/rateLimit";
  private static final String INGEST = "ingestRateLimit";

  private final GetRateLimitUseCase getRateLimit;
  private final UpdateRateLimitUseCase updateRateLimit;

  @Inject
  public RateLimitGrpcService(GetRateLimitUseCase getRateLimit, UpdateRateLimitUseCase updateRateLimit) {
    this.getRateLimit = getRateLimit;
    this.updateRateLimit = updateRateLimit;
  }

  @Override
  public void getRateLimit(GetRateLimitRequest request, StreamObserver<RateLimit> response) {
    RequestFields fields = new RequestFields();
    RateLimitTarget target = target(fields, "name", request.getName());
    fields.check();
    response.onNext(toProto(getRateLimit.execute(CallPrincipal.current(), new GetRateLimitQuery(target))));
    response.onCompleted();
  }

  @Override
  public void updateRateLimit(UpdateRateLimitRequest request, StreamObserver<RateLimit> response) {
    RequestFields fields = new RequestFields();
    RateLimitTarget target = target(fields, "rate_limit.name", request.getRateLimit().getName());
    ProtoRequests.updateMask(fields, "update_mask", request.getUpdateMask(), List.of("requests_per_minute"));
    RequestsPerMinute value = fields.value("rate_limit.requests_per_minute",
        () -> new RequestsPerMinute(request.getRateLimit().getRequestsPerMinute()));
    fields.check();
    response.onNext(toProto(updateRateLimit.execute(CallPrincipal.current(),
        new UpdateRateLimitCommand(new dev.latchkey.domain.ratelimit.RateLimit(target, value)))));
    response.onCompleted();
  }

  /**
   * {@code tenants/{t}/rateLimit}, {@code tenants/{t}/privateApps/{a}/rateLimit}, {@code
   * tenants/{t}/users/{u}/rateLimit} or {@code tenants/{t}/ingestRateLimit}.
   */
  // Null only after a violation was recorded, which fields.check() then throws.
  @SuppressWarnings("NullAway")
  static RateLimitTarget target(RequestFields fields, String field, String name) {
    String[] parts = name.split("/", -1);
    boolean ingest = parts.length == 3 && parts[2].equals(INGEST);
    if (!ingest && (!name.endsWith(SUFFIX) || (parts.length != 3 && parts.length != 5))) {
      fields.violation(field, name.isEmpty() ? "must not be empty" : "must be a resource name like "
          + "tenants/{id}/rateLimit, tenants/{id}/privateApps/{id}/rateLimit, tenants/{id}/users/{id}/rateLimit "
          + "or tenants/{id}/ingestRateLimit");
      return null;
    }
    TenantId tenant = fields.resourceId(field, parts[0] + "/" + parts[1], "tenants", TenantId::parse);
    if (parts.length == 3) {
      return tenant == null ? null
          : ingest ? new RateLimitTarget.OfIngest(tenant) : new RateLimitTarget.OfTenant(tenant);
    }
    Actor principal = ResourceNames.principal(fields, field, parts[2] + "/" + parts[3]);
    return tenant == null || principal == null ? null : new RateLimitTarget.OfPrincipal(tenant, principal);
  }

  private static RateLimit toProto(dev.latchkey.domain.ratelimit.RateLimit limit) {
    return RateLimit.newBuilder()
        .setName(limit.target().resourceName())
        .setRequestsPerMinute(limit.requestsPerMinute().value())
        .build();
  }
}
