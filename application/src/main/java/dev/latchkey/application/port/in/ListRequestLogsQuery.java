package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.principal.Actor;
import java.util.Objects;

/** A page of one principal's request log (the "Logs" tab), newest first. */
public record ListRequestLogsQuery(Actor principal, PageQuery page) implements Request {
  public ListRequestLogsQuery {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(page, "page");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_REQUEST_LOGS;
  }
}
