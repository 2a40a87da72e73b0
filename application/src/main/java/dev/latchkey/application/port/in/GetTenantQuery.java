package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.tenant.TenantId;
import java.util.Objects;

/** A tenant, by id (operator only). */
public record GetTenantQuery(TenantId id) implements Request {
  public GetTenantQuery {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public Operation operation() {
    return Operation.GET_TENANT;
  }
}
