package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import java.util.Objects;

/** The limit set for a tenant or one of its principals (operator only). */
public record GetRateLimitQuery(RateLimitTarget target) implements Request {
  public GetRateLimitQuery {
    Objects.requireNonNull(target, "target");
  }

  @Override
  public Operation operation() {
    return Operation.GET_RATE_LIMIT;
  }
}
