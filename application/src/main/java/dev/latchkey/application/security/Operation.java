package dev.latchkey.application.security;

/**
 * The permission table: every operation Latchkey offers and what its caller needs. The gRPC adapter
 * maps each RPC to one of these and refuses any RPC that maps to none (deny by default).
 */
public enum Operation {
  CREATE_TENANT(new Requirement.OperatorOnly()),
  GET_TENANT(new Requirement.OperatorOnly()),
  LIST_TENANTS(new Requirement.OperatorOnly()),
  GET_CALLER_IDENTITY(new Requirement.AnyCaller()),
  LIST_DATA_MODELS(new Requirement.AnyCaller());

  private final Requirement requirement;

  Operation(Requirement requirement) {
    this.requirement = requirement;
  }

  public Requirement requirement() {
    return requirement;
  }
}
