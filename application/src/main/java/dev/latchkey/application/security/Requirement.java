package dev.latchkey.application.security;

import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;

/** What a caller must be, or hold, to run an operation. */
public sealed interface Requirement {
  /** Only the installation's operator token. */
  record OperatorOnly() implements Requirement {}

  /**
   * Any authenticated tenant principal (a user or a private app); the use case then applies the
   * rule that depends on the request, e.g. whose token is being managed.
   */
  record AnyTenantPrincipal() implements Requirement {}

  /** Any authenticated caller, the operator included. */
  record AnyCaller() implements Requirement {}

  /** Only a tenant's ingest token (which opens nothing but these operations). */
  record IngestToken() implements Requirement {}

  /** A tenant principal holding {@code action} on {@code dataModel}. */
  record GrantOn(DataModel dataModel, Action action) implements Requirement {}

  /**
   * A tenant principal holding every one of {@code actions} on the business data model that the
   * request names (records: {@code dataModels/{data_model}/...}).
   */
  record GrantOnRecordModel(java.util.List<Action> actions) implements Requirement {
    public GrantOnRecordModel {
      actions = java.util.List.copyOf(actions);
    }
  }

  /** The operator, or a tenant principal holding {@code action} on {@code dataModel}. */
  record OperatorOrGrantOn(DataModel dataModel, Action action) implements Requirement {}
}
