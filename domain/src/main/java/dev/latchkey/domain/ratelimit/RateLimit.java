package dev.latchkey.domain.ratelimit;

import java.util.Objects;

/** The limit set for a tenant or a principal; zero: inherit (the tenant's, then the server default). */
public record RateLimit(RateLimitTarget target, RequestsPerMinute requestsPerMinute) {
  /**
   * A tenant's ingestion calls a minute unless the operator set its {@link RateLimitTarget.OfIngest}:
   * 100 a second, each up to 5,000 items.
   */
  public static final RequestsPerMinute INGEST_DEFAULT = new RequestsPerMinute(6_000);

  public RateLimit {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
  }

  /** The ingest budget in force, given the value the operator set for the tenant: that, unless zero. */
  public static RequestsPerMinute effectiveIngest(RequestsPerMinute tenantIngest) {
    return tenantIngest.isZero() ? INGEST_DEFAULT : tenantIngest;
  }

  /** The limit in force, given the tenant's value and the server default: the first that is not zero. */
  public static RequestsPerMinute effective(
      RequestsPerMinute principal, RequestsPerMinute tenant, RequestsPerMinute serverDefault) {
    return !principal.isZero() ? principal : !tenant.isZero() ? tenant : serverDefault;
  }
}
