package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;

/** The catalog of data models that grants refer to. */
public record ListDataModelsQuery() implements Request {
  @Override
  public Operation operation() {
    return Operation.LIST_DATA_MODELS;
  }
}
