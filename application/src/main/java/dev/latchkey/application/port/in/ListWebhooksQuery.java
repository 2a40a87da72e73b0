package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import java.util.Objects;

/** A page of the tenant's webhooks, newest first. */
public record ListWebhooksQuery(PageQuery page) implements Request {
  public ListWebhooksQuery {
    Objects.requireNonNull(page, "page");
  }

  @Override
  public Operation operation() {
    return Operation.LIST_WEBHOOKS;
  }
}
