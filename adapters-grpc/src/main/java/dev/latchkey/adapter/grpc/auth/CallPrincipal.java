package dev.latchkey.adapter.grpc.auth;

import dev.latchkey.domain.error.UnauthenticatedException;
import dev.latchkey.domain.principal.Principal;
import io.grpc.Context;

/** The authenticated caller of the current call, put into the gRPC {@link Context} by the bearer interceptor. */
public final class CallPrincipal {
  static final Context.Key<Principal> KEY = Context.key("latchkey-principal");

  private CallPrincipal() {}

  /** The caller of the current call, if it was authenticated. */
  public static java.util.Optional<Principal> ifAuthenticated() {
    return java.util.Optional.ofNullable(KEY.get());
  }

  /**
   * The caller of the current call.
   *
   * @throws UnauthenticatedException if no principal is set (a method the interceptor let through
   *     without a token must never ask)
   */
  public static Principal current() {
    Principal principal = KEY.get();
    if (principal == null) {
      throw new UnauthenticatedException();
    }
    return principal;
  }
}
