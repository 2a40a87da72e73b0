package dev.latchkey.domain.ratelimit;

import java.util.Objects;

/** The limit set for a tenant or a principal; zero: inherit (the tenant's, then the server default). */
public record RateLimit(RateLimitTarget target, RequestsPerMinute requestsPerMinute) {
  public RateLimit {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(requestsPerMinute, "requestsPerMinute");
  }

  /** The limit in force, given the tenant's value and the server default: the first that is not zero. */
  public static RequestsPerMinute effective(
      RequestsPerMinute principal, RequestsPerMinute tenant, RequestsPerMinute serverDefault) {
    return !principal.isZero() ? principal : !tenant.isZero() ? tenant : serverDefault;
  }
}
