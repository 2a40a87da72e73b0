package dev.latchkey.domain.audit;

/** What an audit event records. The wire names are part of the API and never change. */
public enum AuditAction {
  TENANT_CREATED("tenant.created"),
  ROLE_CREATED("role.created"),
  USER_CREATED("user.created"),
  API_TOKEN_CREATED("api_token.created"),
  API_TOKEN_DELETED("api_token.deleted");

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
