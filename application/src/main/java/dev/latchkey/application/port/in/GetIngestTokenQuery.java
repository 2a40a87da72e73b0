package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;

/** What can be shown of the caller's tenant's ingest token. */
public record GetIngestTokenQuery() implements Request {
  @Override
  public Operation operation() {
    return Operation.GET_INGEST_TOKEN;
  }
}
