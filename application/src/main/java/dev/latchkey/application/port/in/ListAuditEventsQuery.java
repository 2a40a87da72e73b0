package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import java.util.Objects;
import java.util.Optional;

/** A page of the tenant's audit events, newest first, optionally only those under {@code target}. */
public record ListAuditEventsQuery(PageQuery page, Optional<String> target) implements Request {
  public ListAuditEventsQuery {
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(target, "target");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_AUDIT_EVENTS;
  }
}
