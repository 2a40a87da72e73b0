package dev.latchkey.domain.audit;

/** What an audit event records. The wire names are part of the API and never change. */
public enum AuditAction {
  TENANT_CREATED("tenant.created"),
  ROLE_CREATED("role.created"),
  ROLE_UPDATED("role.updated"),
  ROLE_DELETED("role.deleted"),
  USER_CREATED("user.created"),
  USER_UPDATED("user.updated"),
  USER_DEACTIVATED("user.deactivated"),
  USER_REACTIVATED("user.reactivated"),
  USER_DELETED("user.deleted"),
  ACCOUNT_HOLDER_TRANSFERRED("account_holder.transferred"),
  PRIVATE_APP_CREATED("private_app.created"),
  PRIVATE_APP_UPDATED("private_app.updated"),
  PRIVATE_APP_DISABLED("private_app.disabled"),
  PRIVATE_APP_ENABLED("private_app.enabled"),
  PRIVATE_APP_DELETED("private_app.deleted"),
  API_TOKEN_CREATED("api_token.created"),
  API_TOKEN_DELETED("api_token.deleted"),
  RATE_LIMIT_UPDATED("rate_limit.updated"),
  INGEST_TOKEN_ROTATED("ingest_token.rotated"),
  /** Record changes go to each record's revision history, not to the audit trail; see ChangeEvent. */
  RECORD_CREATED("record.created"),
  RECORD_UPDATED("record.updated"),
  RECORD_DELETED("record.deleted"),
  WEBHOOK_CREATED("webhook.created"),
  WEBHOOK_UPDATED("webhook.updated"),
  WEBHOOK_DELETED("webhook.deleted"),
  WEBHOOK_SECRET_ROTATED("webhook.secret_rotated"),
  WEBHOOK_DISABLED("webhook.disabled");

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static java.util.Optional<AuditAction> byWireName(String name) {
    for (AuditAction action : values()) {
      if (action.wireName.equals(name)) {
        return java.util.Optional.of(action);
      }
    }
    return java.util.Optional.empty();
  }
}
