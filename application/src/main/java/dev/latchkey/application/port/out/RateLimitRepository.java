package dev.latchkey.application.port.out;

import dev.latchkey.domain.ratelimit.RateLimit;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import java.time.Instant;

/** The rate limits the operator set. */
public interface RateLimitRepository {
  /** The value set for {@code target}; zero (inherit) when none was ever set. */
  RequestsPerMinute find(RateLimitTarget target);

  /** Sets {@code limit}, replacing what was set for its target. */
  void save(RateLimit limit, Instant at);
}
