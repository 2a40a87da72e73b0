package dev.latchkey.application.security;

import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;

/**
 * The permission table: every operation Latchkey offers and what its caller needs. The gRPC adapter
 * maps each RPC to one of these and refuses any RPC that maps to none (deny by default).
 */
public enum Operation {
  CREATE_TENANT(new Requirement.OperatorOnly()),
  GET_TENANT(new Requirement.OperatorOnly()),
  LIST_TENANTS(new Requirement.OperatorOnly()),
  GET_RATE_LIMIT(new Requirement.OperatorOnly()),
  UPDATE_RATE_LIMIT(new Requirement.OperatorOnly()),

  GET_CALLER_IDENTITY(new Requirement.AnyCaller()),
  INTROSPECT_TOKEN(new Requirement.OperatorOrGrantOn(DataModel.TOKEN_INTROSPECTION, Action.READ)),
  CHECK_ACCESS(new Requirement.OperatorOrGrantOn(DataModel.TOKEN_INTROSPECTION, Action.READ)),
  LIST_DATA_MODELS(new Requirement.AnyCaller()),

  CREATE_PRIVATE_APP(grant(DataModel.PRIVATE_APPS, Action.CREATE)),
  GET_PRIVATE_APP(grant(DataModel.PRIVATE_APPS, Action.READ)),
  LIST_PRIVATE_APPS(grant(DataModel.PRIVATE_APPS, Action.READ)),
  UPDATE_PRIVATE_APP(grant(DataModel.PRIVATE_APPS, Action.UPDATE)),
  ENABLE_PRIVATE_APP(grant(DataModel.PRIVATE_APPS, Action.UPDATE)),
  DISABLE_PRIVATE_APP(grant(DataModel.PRIVATE_APPS, Action.UPDATE)),
  DELETE_PRIVATE_APP(grant(DataModel.PRIVATE_APPS, Action.DELETE)),

  /** Tokens of a private app need {@code private_apps} create; see {@link TokenOwnerRules}. */
  CREATE_API_TOKEN(new Requirement.AnyTenantPrincipal()),
  /** Tokens of a private app need {@code private_apps} read; see {@link TokenOwnerRules}. */
  GET_API_TOKEN(new Requirement.AnyTenantPrincipal()),
  /** Tokens of a private app need {@code private_apps} read; see {@link TokenOwnerRules}. */
  LIST_API_TOKENS(new Requirement.AnyTenantPrincipal()),
  /** Tokens of a private app need {@code private_apps} delete; see {@link TokenOwnerRules}. */
  DELETE_API_TOKEN(new Requirement.AnyTenantPrincipal()),

  CREATE_ROLE(grant(DataModel.ROLES, Action.CREATE)),
  GET_ROLE(grant(DataModel.ROLES, Action.READ)),
  LIST_ROLES(grant(DataModel.ROLES, Action.READ)),
  UPDATE_ROLE(grant(DataModel.ROLES, Action.UPDATE)),
  DELETE_ROLE(grant(DataModel.ROLES, Action.DELETE)),

  CREATE_USER(grant(DataModel.USERS, Action.CREATE)),
  GET_USER(grant(DataModel.USERS, Action.READ)),
  LIST_USERS(grant(DataModel.USERS, Action.READ)),
  UPDATE_USER(grant(DataModel.USERS, Action.UPDATE)),
  DEACTIVATE_USER(grant(DataModel.USERS, Action.UPDATE)),
  REACTIVATE_USER(grant(DataModel.USERS, Action.UPDATE)),
  DELETE_USER(grant(DataModel.USERS, Action.DELETE)),
  /** Only the account holder, whatever its grants; checked by the use case. */
  TRANSFER_ACCOUNT_HOLDER(new Requirement.AnyTenantPrincipal()),

  /** Webhooks, reads included, are the account holder's alone whatever its grants; checked by the use case. */
  CREATE_WEBHOOK(new Requirement.AnyTenantPrincipal()),
  GET_WEBHOOK(new Requirement.AnyTenantPrincipal()),
  LIST_WEBHOOKS(new Requirement.AnyTenantPrincipal()),
  UPDATE_WEBHOOK(new Requirement.AnyTenantPrincipal()),
  DELETE_WEBHOOK(new Requirement.AnyTenantPrincipal()),
  TEST_WEBHOOK(new Requirement.AnyTenantPrincipal()),
  ROTATE_WEBHOOK_SECRET(new Requirement.AnyTenantPrincipal()),
  LIST_WEBHOOK_DELIVERIES(new Requirement.AnyTenantPrincipal()),
  LIST_WEBHOOK_EVENT_TYPES(new Requirement.AnyTenantPrincipal()),

  LIST_AUDIT_EVENTS(grant(DataModel.AUDIT_EVENTS, Action.READ)),
  LIST_REQUEST_LOGS(grant(DataModel.REQUEST_LOGS, Action.READ)),

  ROTATE_INGEST_TOKEN(grant(DataModel.ANALYTICS, Action.UPDATE)),
  GET_INGEST_TOKEN(grant(DataModel.ANALYTICS, Action.READ)),
  LIST_ACTIVITIES(grant(DataModel.ANALYTICS, Action.READ)),
  QUERY_METRICS(grant(DataModel.ANALYTICS, Action.READ)),
  TRACK_ACTIVITIES(new Requirement.IngestToken()),
  PUSH_METRICS(new Requirement.IngestToken()),
  CREATE_RECORD(onRecordModel(Action.CREATE)),
  GET_RECORD(onRecordModel(Action.READ)),
  LIST_RECORDS(onRecordModel(Action.READ)),
  UPDATE_RECORD(onRecordModel(Action.UPDATE)),
  DELETE_RECORD(onRecordModel(Action.DELETE)),
  BATCH_UPSERT_RECORDS(onRecordModel(Action.CREATE, Action.UPDATE)),
  LIST_RECORD_REVISIONS(onRecordModel(Action.READ));

  @SuppressWarnings("ImmutableEnumChecker") // every Requirement is a record of enums: immutable
  private final Requirement requirement;

  Operation(Requirement requirement) {
    this.requirement = requirement;
  }

  public Requirement requirement() {
    return requirement;
  }

  private static Requirement onRecordModel(Action... actions) {
    return new Requirement.GrantOnRecordModel(java.util.List.of(actions));
  }

  private static Requirement grant(DataModel model, Action action) {
    return new Requirement.GrantOn(model, action);
  }
}
