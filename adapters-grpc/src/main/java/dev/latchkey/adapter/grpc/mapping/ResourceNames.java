package dev.latchkey.adapter.grpc.mapping;

import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.user.UserId;

/** Parsing the resource names clients send, recording a violation for each bad one. */
public final class ResourceNames {
  /** A token's name split into its owner and id. */
  public record TokenName(Actor owner, ApiTokenId id) {}

  private ResourceNames() {}

  public static PrivateAppId privateApp(RequestFields fields, String field, String name) {
    return fields.resourceId(field, name, "privateApps", PrivateAppId::parse);
  }

  public static RoleId role(RequestFields fields, String field, String name) {
    return fields.resourceId(field, name, "roles", RoleId::parse);
  }

  public static UserId user(RequestFields fields, String field, String name) {
    return fields.resourceId(field, name, "users", UserId::parse);
  }

  /** {@code privateApps/{id}} or {@code users/{id}}: the owner of tokens, or whose request log. */
  // Null only after recording a violation; callers call fields.check(), which throws, before any use.
  @SuppressWarnings("NullAway")
  public static Actor principal(RequestFields fields, String field, String name) {
    if (name.startsWith("users/")) {
      UserId id = fields.resourceId(field, name, "users", UserId::parse);
      return id == null ? null : new Actor.UserRef(id);
    }
    if (name.startsWith("privateApps/")) {
      PrivateAppId id = fields.resourceId(field, name, "privateApps", PrivateAppId::parse);
      return id == null ? null : new Actor.PrivateAppRef(id);
    }
    fields.violation(field, name.isEmpty() ? "must not be empty"
        : "must be a resource name like privateApps/{id} or users/{id}");
    return null;
  }

  /** {@code privateApps/{a}/tokens/{t}} or {@code users/{u}/tokens/{t}}. */
  // Null only after recording a violation; callers call fields.check(), which throws, before any use.
  @SuppressWarnings("NullAway")
  public static TokenName token(RequestFields fields, String field, String name) {
    int marker = name.indexOf("/tokens/");
    if (marker < 0) {
      fields.violation(field, name.isEmpty() ? "must not be empty"
          : "must be a resource name like privateApps/{id}/tokens/{id} or users/{id}/tokens/{id}");
      return null;
    }
    Actor owner = principal(fields, field, name.substring(0, marker));
    ApiTokenId id = fields.resourceId(field, name.substring(marker + 1), "tokens", ApiTokenId::parse);
    return owner == null || id == null ? null : new TokenName(owner, id);
  }
}
