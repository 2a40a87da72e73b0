package dev.latchkey.application.port.in;

import java.time.Duration;
import java.util.Objects;

/** What {@code CheckAccess} answers a resource server about one call made with a token. */
public sealed interface AccessDecision {
  /** The token is active and its grants allow the action; the call was counted against its budget. */
  record Allowed() implements AccessDecision {}

  /** The token is not active (or not the caller's tenant's), or its grants do not allow the action. */
  record Denied() implements AccessDecision {}

  /** The token's principal has spent its budget: the next call fits after {@code retryAfter}. */
  record RateLimited(Duration retryAfter) implements AccessDecision {
    public RateLimited {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}
