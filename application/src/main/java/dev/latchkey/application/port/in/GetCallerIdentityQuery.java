package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;

/** Who the caller is: what an integration calls to "test the connection". */
public record GetCallerIdentityQuery() implements Request {
  @Override
  public Operation operation() {
    return Operation.GET_CALLER_IDENTITY;
  }
}
