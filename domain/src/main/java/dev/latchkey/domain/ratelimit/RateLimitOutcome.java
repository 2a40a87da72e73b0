package dev.latchkey.domain.ratelimit;

import java.time.Duration;
import java.util.Objects;

/** What spending one request of a principal's budget came to. */
public sealed interface RateLimitOutcome {
  /** The limit in force, in requests per minute. */
  long limit();

  /** How long until the budget is full again. */
  Duration untilFull();

  /** The request was counted; {@code remaining} more fit in the budget right now. */
  record Admitted(long limit, long remaining, Duration untilFull) implements RateLimitOutcome {
    public Admitted {
      Objects.requireNonNull(untilFull, "untilFull");
    }
  }

  /** The budget is spent: the next request fits after {@code retryAfter}. */
  record Refused(long limit, Duration retryAfter, Duration untilFull) implements RateLimitOutcome {
    public Refused {
      Objects.requireNonNull(retryAfter, "retryAfter");
      Objects.requireNonNull(untilFull, "untilFull");
    }
  }
}
