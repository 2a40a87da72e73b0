package dev.latchkey.domain.principal;

import dev.latchkey.domain.user.UserId;

/**
 * Who did something, as the API names them: a team member, a private app, or the operator of the
 * Latchkey installation.
 */
public sealed interface Actor {
  /** The resource name the API reports, e.g. {@code users/{id}} or {@code privateApps/{id}}. */
  String resourceName();

  /** The actor named by {@code name}, as written by {@link #resourceName()}. */
  static java.util.Optional<Actor> fromResourceName(String name) {
    if (name == null) {
      return java.util.Optional.empty();
    }
    if ("operator".equals(name)) {
      return java.util.Optional.of(new Operator());
    }
    if (name.startsWith("users/")) {
      return UserId.parse(name.substring("users/".length())).map(UserRef::new);
    }
    if (name.startsWith("privateApps/")) {
      return PrivateAppId.parse(name.substring("privateApps/".length())).map(PrivateAppRef::new);
    }
    return java.util.Optional.empty();
  }

  record UserRef(UserId id) implements Actor {
    @Override
    public String resourceName() {
      return "users/" + id;
    }
  }

  record PrivateAppRef(PrivateAppId id) implements Actor {
    @Override
    public String resourceName() {
      return "privateApps/" + id;
    }
  }

  /**
   * The holder of a tenant's ingest token: whatever sends analytics with it. It may only ingest; it
   * owns nothing, changes nothing, and its calls are not in any request log.
   */
  record TenantIngest() implements Actor {
    @Override
    public String resourceName() {
      return "ingestToken";
    }
  }

  /** The installation's operator (holder of the operator token), outside any tenant. */
  record Operator() implements Actor {
    @Override
    public String resourceName() {
      return "operator";
    }
  }
}
