package dev.latchkey.domain.privateapp;

import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.change.Versioned;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
    long version) implements Versioned {

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

  @Override
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

  /** Changes to apply to an app: each present field is set; absent ones stay as they are. */
  public record Patch(Optional<DisplayName> displayName, Optional<Description> description,
      Optional<PermissionSet> grants) {
    public Patch {
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(grants, "grants");
    }
  }

  /**
   * Applies {@code patch}: the new value, one version step later, and the event naming only the
   * fields whose value changed; empty when nothing changes.
   */
  public Optional<Change<PrivateApp>> apply(Patch patch, Instant now) {
    Optional<DisplayName> newName = patch.displayName().filter(v -> !v.equals(displayName));
    Optional<Description> newText = patch.description().filter(v -> !v.equals(description));
    Optional<PermissionSet> newGrants = patch.grants().filter(v -> !v.equals(grants));
    if (newName.isEmpty() && newText.isEmpty() && newGrants.isEmpty()) {
      return Optional.empty();
    }
    PrivateApp updated = next(newName.orElse(displayName), newText.orElse(description), state,
        newGrants.orElse(grants), now);
    return Optional.of(new Change<>(updated, new ChangeEvent.PrivateAppUpdated(id, newName, newText, newGrants)));
  }

  /** Enables or disables the app; empty when it is in that state already. */
  public Optional<Change<PrivateApp>> changeState(PrivateAppState newState, Instant now) {
    if (newState == state) {
      return Optional.empty();
    }
    return Optional.of(switch (newState) {
      case ENABLED -> new Change<>(enable(now), new ChangeEvent.PrivateAppEnabled(id));
      case DISABLED -> new Change<>(disable(now), new ChangeEvent.PrivateAppDisabled(id));
    });
  }

  private PrivateApp next(
      DisplayName name, Description text, PrivateAppState newState, PermissionSet newGrants, Instant now) {
    return new PrivateApp(tenantId, id, name, text, newState, newGrants, createTime, now, creator, version + 1);
  }
}
