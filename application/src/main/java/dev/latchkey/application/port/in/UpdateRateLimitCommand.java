package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.ratelimit.RateLimit;
import java.util.Objects;

/** Sets the limit of a tenant or one of its principals; zero: inherit (operator only). */
public record UpdateRateLimitCommand(RateLimit rateLimit) implements Request {
  public UpdateRateLimitCommand {
    Objects.requireNonNull(rateLimit, "rateLimit");
  }

  @Override
  public Operation operation() {
    return Operation.UPDATE_RATE_LIMIT;
  }
}
