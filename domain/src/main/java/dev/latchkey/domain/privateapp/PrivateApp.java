package dev.latchkey.domain.privateapp;

import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A private app (service account): a non-human account of a tenant that acts only through its API
 * access tokens, with the grants it holds. Changes return a new value with the next version.
 *
 * @param version incremented on every change; the etag clients send back is derived from it
 */
public record PrivateApp(
    TenantId tenantId,
    PrivateAppId id,
    DisplayName displayName,
    Description description,
    PrivateAppState state,
    PermissionSet grants,
    Instant createTime,
    Instant updateTime,
    Actor creator,
    long version) {

  public PrivateApp {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(updateTime, "updateTime");
    Objects.requireNonNull(creator, "creator");
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1");
    }
  }

  /** A new, enabled app. */
  public static PrivateApp create(
      TenantId tenantId, PrivateAppId id, DisplayName displayName, Description description, PermissionSet grants,
      Actor creator, Instant now) {
    return new PrivateApp(tenantId, id, displayName, description, PrivateAppState.ENABLED, grants, now, now,
        creator, 1);
  }

  public Actor.PrivateAppRef ref() {
    return new Actor.PrivateAppRef(id);
  }

  public String resourceName() {
    return ref().resourceName();
  }

  public boolean isEnabled() {
    return state == PrivateAppState.ENABLED;
  }

  public PrivateApp withDisplayName(DisplayName name, Instant now) {
    return next(name, description, state, grants, now);
  }

  public PrivateApp withDescription(Description text, Instant now) {
    return next(displayName, text, state, grants, now);
  }

  public PrivateApp withGrants(PermissionSet newGrants, Instant now) {
    return next(displayName, description, state, newGrants, now);
  }

  public PrivateApp disable(Instant now) {
    return next(displayName, description, PrivateAppState.DISABLED, grants, now);
  }

  public PrivateApp enable(Instant now) {
    return next(displayName, description, PrivateAppState.ENABLED, grants, now);
  }

  private PrivateApp next(
      DisplayName name, Description text, PrivateAppState newState, PermissionSet newGrants, Instant now) {
    return new PrivateApp(tenantId, id, name, text, newState, newGrants, createTime, now, creator, version + 1);
  }
}
