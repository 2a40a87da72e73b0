package dev.latchkey.domain.permission;

import java.util.Optional;

/** The catalog of data models that permissions are granted on. Names are part of the API. */
public enum DataModel {
  COMPANIES("companies", "Companies", DataModelKind.BUSINESS, "Customer companies."),
  END_USERS("end_users", "End users", DataModelKind.BUSINESS, "People at customer companies."),
  LICENSES("licenses", "Licenses", DataModelKind.BUSINESS, "Subscriptions and licenses."),
  NPS("nps", "NPS", DataModelKind.BUSINESS, "Net promoter score responses."),
  CONVERSATIONS("conversations", "Conversations", DataModelKind.BUSINESS, "Emails, calls and notes."),
  TICKETS("tickets", "Tickets", DataModelKind.BUSINESS, "Support tickets."),
  TASKS("tasks", "Tasks", DataModelKind.BUSINESS, "Tasks and to-dos."),
  ISSUES("issues", "Issues", DataModelKind.BUSINESS, "Product issues and bugs."),
  INVOICES("invoices", "Invoices", DataModelKind.BUSINESS, "Invoices."),
  OPPORTUNITIES("opportunities", "Opportunities", DataModelKind.BUSINESS, "Sales opportunities."),
  CHURN("churn", "Churn", DataModelKind.BUSINESS, "Churn records."),
  PRIVATE_APPS(
      "private_apps",
      "Private apps",
      DataModelKind.ADMINISTRATIVE,
      "Private apps (service accounts) and their API access tokens."),
  USERS("users", "Users", DataModelKind.ADMINISTRATIVE, "Team members and their personal access tokens."),
  ROLES("roles", "Roles", DataModelKind.ADMINISTRATIVE, "Roles and the permissions they carry."),
  REQUEST_LOGS("request_logs", "Request logs", DataModelKind.ADMINISTRATIVE, "The Logs tab of apps and users."),
  AUDIT_EVENTS("audit_events", "Audit events", DataModelKind.ADMINISTRATIVE, "The audit trail."),
  TOKEN_INTROSPECTION(
      "token_introspection",
      "Token introspection",
      DataModelKind.ADMINISTRATIVE,
      "Checking other callers' tokens, for services that accept Latchkey tokens."),
  ANALYTICS(
      "analytics",
      "Analytics",
      DataModelKind.ADMINISTRATIVE,
      "The tenant's ingest token, and the user activities and custom metrics sent with it.");

  private final String apiName;
  private final String displayName;
  private final DataModelKind kind;
  private final String description;

  DataModel(String apiName, String displayName, DataModelKind kind, String description) {
    this.apiName = apiName;
    this.displayName = displayName;
    this.kind = kind;
    this.description = description;
  }

  /** The name used in the API and in stored grants, e.g. {@code end_users}. */
  public String apiName() {
    return apiName;
  }

  public String displayName() {
    return displayName;
  }

  public DataModelKind kind() {
    return kind;
  }

  public String description() {
    return description;
  }

  public static Optional<DataModel> byApiName(String name) {
    for (DataModel model : values()) {
      if (model.apiName.equals(name)) {
        return Optional.of(model);
      }
    }
    return Optional.empty();
  }
}
