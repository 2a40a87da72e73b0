package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.PrivateAppId;
import java.util.Objects;

/** A private app of the caller's tenant. */
public record GetPrivateAppQuery(PrivateAppId id) implements Request {
  public GetPrivateAppQuery {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.GET_PRIVATE_APP;
  }
}
