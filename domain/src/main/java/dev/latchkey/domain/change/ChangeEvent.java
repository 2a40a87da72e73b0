package dev.latchkey.domain.change;

import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.webhook.Webhook;
import dev.latchkey.domain.webhook.WebhookId;
import dev.latchkey.domain.webhook.WebhookState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One change to a tenant's resources, as the domain reports it. Everything a change implies (its
 * audit entry, the credential-change announcement, later the webhook outbox row) is derived from
 * this one value, in the transaction of the change. Adding a case breaks the build wherever events
 * are rendered, which is the point.
 */
public sealed interface ChangeEvent {
  /** What the audit trail calls this change. */
  AuditAction action();

  /** The resource name of what changed, e.g. {@code privateApps/{id}}. */
  String target();

  /**
   * Whether verified tokens of the tenant may now authenticate differently (another principal,
   * other grants, other display name, gone, or newly valid): caches on every instance must drop
   * what they hold for the tenant.
   */
  boolean affectsCredentials();

  /**
   * Whether the change goes to the audit trail. Record changes do not: sync tools write them by the
   * million, and each already has its attributed entry in the record's revision history, written
   * in the same transaction; the audit trail stays a readable account of administrative changes.
   */
  default boolean audited() {
    return true;
  }

  record TenantCreated(Tenant tenant) implements ChangeEvent {
    public TenantCreated {
      Objects.requireNonNull(tenant, "tenant");
    }

    @Override
    public AuditAction action() {
      return AuditAction.TENANT_CREATED;
    }

    @Override
    public String target() {
      return tenant.resourceName();
    }

    @Override
    public boolean affectsCredentials() {
      return false;
    }
  }

  record RoleCreated(Role role) implements ChangeEvent {
    public RoleCreated {
      Objects.requireNonNull(role, "role");
    }

    @Override
    public AuditAction action() {
      return AuditAction.ROLE_CREATED;
    }

    @Override
    public String target() {
      return role.resourceName();
    }

    /** Nobody holds a new role yet. */
    @Override
    public boolean affectsCredentials() {
      return false;
    }
  }

  /** The fields of a role that changed, each with its new value; absent: unchanged. */
  record RoleUpdated(
      RoleId id, Optional<DisplayName> displayName, Optional<PermissionSet> grants, Optional<Boolean> apiAccess)
      implements ChangeEvent {
    public RoleUpdated {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(grants, "grants");
      Objects.requireNonNull(apiAccess, "apiAccess");
    }

    @Override
    public AuditAction action() {
      return AuditAction.ROLE_UPDATED;
    }

    @Override
    public String target() {
      return "roles/" + id;
    }

    /** Members' tokens carry the role's grants and API access, not its name. */
    @Override
    public boolean affectsCredentials() {
      return grants.isPresent() || apiAccess.isPresent();
    }
  }

  record RoleDeleted(Role role) implements ChangeEvent {
    public RoleDeleted {
      Objects.requireNonNull(role, "role");
    }

    @Override
    public AuditAction action() {
      return AuditAction.ROLE_DELETED;
    }

    @Override
    public String target() {
      return role.resourceName();
    }

    /** Only a role nobody holds can be deleted. */
    @Override
    public boolean affectsCredentials() {
      return false;
    }
  }

  record UserCreated(User user) implements ChangeEvent {
    public UserCreated {
      Objects.requireNonNull(user, "user");
    }

    @Override
    public AuditAction action() {
      return AuditAction.USER_CREATED;
    }

    @Override
    public String target() {
      return user.resourceName();
    }

    /** A new user has no token yet. */
    @Override
    public boolean affectsCredentials() {
      return false;
    }
  }

  /** The fields of a user that changed, each with its new value; absent: unchanged. */
  record UserUpdated(UserId id, Optional<DisplayName> displayName, Optional<RoleId> role) implements ChangeEvent {
    public UserUpdated {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(role, "role");
    }

    @Override
    public AuditAction action() {
      return AuditAction.USER_UPDATED;
    }

    @Override
    public String target() {
      return "users/" + id;
    }

    /** A personal access token acts as its user: name and grants (through the role) included. */
    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  record UserDeactivated(UserId id) implements ChangeEvent {
    public UserDeactivated {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public AuditAction action() {
      return AuditAction.USER_DEACTIVATED;
    }

    @Override
    public String target() {
      return "users/" + id;
    }

    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  record UserReactivated(UserId id) implements ChangeEvent {
    public UserReactivated {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public AuditAction action() {
      return AuditAction.USER_REACTIVATED;
    }

    @Override
    public String target() {
      return "users/" + id;
    }

    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  record UserDeleted(User user, int tokensDeleted) implements ChangeEvent {
    public UserDeleted {
      Objects.requireNonNull(user, "user");
    }

    @Override
    public AuditAction action() {
      return AuditAction.USER_DELETED;
    }

    @Override
    public String target() {
      return user.resourceName();
    }

    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  record AccountHolderTransferred(Actor.UserRef from, Actor.UserRef to) implements ChangeEvent {
    public AccountHolderTransferred {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    @Override
    public AuditAction action() {
      return AuditAction.ACCOUNT_HOLDER_TRANSFERRED;
    }

    @Override
    public String target() {
      return to.resourceName();
    }

    /** The account holder holds every grant whatever its role: both users' grants change. */
    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  /**
   * A new app.
   *
   * @param copiedFrom the resource name of the app or role whose grants were copied, if any
   */
  record PrivateAppCreated(PrivateApp app, Optional<String> copiedFrom) implements ChangeEvent {
    public PrivateAppCreated {
      Objects.requireNonNull(app, "app");
      Objects.requireNonNull(copiedFrom, "copiedFrom");
    }

    @Override
    public AuditAction action() {
      return AuditAction.PRIVATE_APP_CREATED;
    }

    @Override
    public String target() {
      return app.resourceName();
    }

    /** A new app has no token yet. */
    @Override
    public boolean affectsCredentials() {
      return false;
    }
  }

  /** The fields of a private app that changed, each with its new value; absent: unchanged. */
  record PrivateAppUpdated(
      PrivateAppId id,
      Optional<DisplayName> displayName,
      Optional<Description> description,
      Optional<PermissionSet> grants)
      implements ChangeEvent {
    public PrivateAppUpdated {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(grants, "grants");
    }

    @Override
    public AuditAction action() {
      return AuditAction.PRIVATE_APP_UPDATED;
    }

    @Override
    public String target() {
      return "privateApps/" + id;
    }

    /** The app's tokens carry its name and grants; a description edit changes no credential. */
    @Override
    public boolean affectsCredentials() {
      return displayName.isPresent() || grants.isPresent();
    }
  }

  record PrivateAppDisabled(PrivateAppId id) implements ChangeEvent {
    public PrivateAppDisabled {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public AuditAction action() {
      return AuditAction.PRIVATE_APP_DISABLED;
    }

    @Override
    public String target() {
      return "privateApps/" + id;
    }

    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  record PrivateAppEnabled(PrivateAppId id) implements ChangeEvent {
    public PrivateAppEnabled {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public AuditAction action() {
      return AuditAction.PRIVATE_APP_ENABLED;
    }

    @Override
    public String target() {
      return "privateApps/" + id;
    }

    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  record PrivateAppDeleted(PrivateAppId id, int tokensDeleted) implements ChangeEvent {
    public PrivateAppDeleted {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public AuditAction action() {
      return AuditAction.PRIVATE_APP_DELETED;
    }

    @Override
    public String target() {
      return "privateApps/" + id;
    }

    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  record ApiTokenCreated(ApiToken token) implements ChangeEvent {
    public ApiTokenCreated {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public AuditAction action() {
      return AuditAction.API_TOKEN_CREATED;
    }

    @Override
    public String target() {
      return token.resourceName();
    }

    /** A digest remembered as unknown becomes valid: negative caches must forget it. */
    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  record ApiTokenDeleted(Actor owner, ApiTokenId id) implements ChangeEvent {
    public ApiTokenDeleted {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(id, "id");
    }

    @Override
    public AuditAction action() {
      return AuditAction.API_TOKEN_DELETED;
    }

    @Override
    public String target() {
      return owner.resourceName() + "/tokens/" + id;
    }

    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  /** An operator set a tenant's or a principal's rate limit; zero: inherit. */
  record RateLimitUpdated(RateLimitTarget subject, RequestsPerMinute before, RequestsPerMinute after)
      implements ChangeEvent {
    public RateLimitUpdated {
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }

    @Override
    public AuditAction action() {
      return AuditAction.RATE_LIMIT_UPDATED;
    }

    @Override
    public String target() {
      return subject.resourceName();
    }

    /** Instances cache effective limits with verified tokens: the announcement drops both. */
    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  /**
   * A new ingest token for the tenant.
   *
   * @param prefix the visible start of the new token
   * @param previousExpireTime until when the previous token keeps working; empty if there was none
   *     or it stopped at once
   */
  record IngestTokenRotated(String prefix, java.time.Duration overlap, Optional<java.time.Instant> previousExpireTime)
      implements ChangeEvent {
    public IngestTokenRotated {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(overlap, "overlap");
      Objects.requireNonNull(previousExpireTime, "previousExpireTime");
    }

    @Override
    public AuditAction action() {
      return AuditAction.INGEST_TOKEN_ROTATED;
    }

    @Override
    public String target() {
      return "ingestToken";
    }

    /** A previous token cut off at once must stop on every instance: negative caches forget too. */
    @Override
    public boolean affectsCredentials() {
      return true;
    }
  }

  /** A change to a record of a business data model: the webhook events {@code <model>.<verb>}. */
  sealed interface RecordChange extends ChangeEvent {
    /** The record after the change; for a deletion, its last state. */
    DataRecord record();

    default dev.latchkey.domain.permission.DataModel dataModel() {
      return record().dataModel();
    }

    @Override
    default String target() {
      return record().resourceName();
    }

    /** Record data grants nothing. */
    @Override
    default boolean affectsCredentials() {
      return false;
    }

    @Override
    default boolean audited() {
      return false;
    }
  }

  record RecordCreated(DataRecord record) implements RecordChange {
    public RecordCreated {
      Objects.requireNonNull(record, "record");
    }

    @Override
    public AuditAction action() {
      return AuditAction.RECORD_CREATED;
    }
  }

  /**
   * A record changed.
   *
   * @param changedKeys the top-level keys of its fields whose value changed (set, replaced or removed)
   * @param externalIdChanged whether its external id changed
   */
  record RecordUpdated(DataRecord record, Set<String> changedKeys, boolean externalIdChanged)
      implements RecordChange {
    public RecordUpdated {
      Objects.requireNonNull(record, "record");
      changedKeys = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(changedKeys));
    }

    @Override
    public AuditAction action() {
      return AuditAction.RECORD_UPDATED;
    }
  }

  record RecordDeleted(DataRecord record) implements RecordChange {
    public RecordDeleted {
      Objects.requireNonNull(record, "record");
    }

    @Override
    public AuditAction action() {
      return AuditAction.RECORD_DELETED;
    }
  }

  /** A change to a webhook subscription: audited, never itself a webhook event nor a credential change. */
  sealed interface WebhookChanged extends ChangeEvent {
    WebhookId id();

    @Override
    default String target() {
      return "webhooks/" + id();
    }

    @Override
    default boolean affectsCredentials() {
      return false;
    }
  }

  /** A new webhook (its secrets are never part of an event). */
  record WebhookCreated(Webhook webhook) implements WebhookChanged {
    public WebhookCreated {
      Objects.requireNonNull(webhook, "webhook");
    }

    @Override
    public WebhookId id() {
      return webhook.id();
    }

    @Override
    public AuditAction action() {
      return AuditAction.WEBHOOK_CREATED;
    }
  }

  /** Which fields of a webhook changed (names only: some are secret). */
  record WebhookUpdated(WebhookId id, List<String> fields, WebhookState state) implements WebhookChanged {
    public WebhookUpdated {
      Objects.requireNonNull(id, "id");
      fields = List.copyOf(fields);
      Objects.requireNonNull(state, "state");
    }

    @Override
    public AuditAction action() {
      return AuditAction.WEBHOOK_UPDATED;
    }
  }

  record WebhookDeleted(WebhookId id) implements WebhookChanged {
    public WebhookDeleted {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public AuditAction action() {
      return AuditAction.WEBHOOK_DELETED;
    }
  }

  record WebhookSecretRotated(WebhookId id) implements WebhookChanged {
    public WebhookSecretRotated {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public AuditAction action() {
      return AuditAction.WEBHOOK_SECRET_ROTATED;
    }
  }

  /** The server disabled a webhook whose deliveries kept failing. */
  record WebhookAutoDisabled(WebhookId id, String reason) implements WebhookChanged {
    public WebhookAutoDisabled {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public AuditAction action() {
      return AuditAction.WEBHOOK_DISABLED;
    }
  }
}
