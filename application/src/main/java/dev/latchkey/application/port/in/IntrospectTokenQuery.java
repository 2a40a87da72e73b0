package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import java.util.Objects;

/** Whether {@code token} is active, and whose it is (RFC 7662 style). */
public record IntrospectTokenQuery(String token) implements Request {
  public IntrospectTokenQuery {
    // No token at all is simply not an active one.
    token = Objects.requireNonNullElse(token, "");
  }

  @Override
  public Operation operation() {
    return Operation.INTROSPECT_TOKEN;
  }
}
