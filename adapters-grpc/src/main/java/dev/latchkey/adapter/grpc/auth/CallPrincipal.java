package dev.latchkey.adapter.grpc.auth;

import dev.latchkey.domain.error.UnauthenticatedException;
import dev.latchkey.domain.principal.Principal;
import io.grpc.Context;
import io.grpc.Status;
import java.util.Optional;

/**
 * The caller of the current call, in the gRPC {@link Context}. The bearer interceptor records who
 * authenticated (and, if the call is refused after authentication, why); the authorization gate,
 * placed after the request log, then either refuses the call or admits the principal for the
 * services. Services read only admitted principals, so a chain without the gate fails closed.
 */
public final class CallPrincipal {
  static final Context.Key<Principal> AUTHENTICATED = Context.key("latchkey-authenticated");
  static final Context.Key<Status> REFUSAL = Context.key("latchkey-refusal");
  static final Context.Key<Principal> KEY = Context.key("latchkey-principal");

  private CallPrincipal() {}

  /** Who authenticated for the current call, admitted or not: for the request log. */
  public static Optional<Principal> ifAuthenticated() {
    return Optional.ofNullable(AUTHENTICATED.get());
  }

  /** The admitted caller of the current call; empty for a public method (health, reflection). */
  public static Optional<Principal> ifAdmitted() {
    return Optional.ofNullable(KEY.get());
  }

  /**
   * The admitted caller of the current call.
   *
   * @throws UnauthenticatedException if no principal was admitted (a method the interceptors let
   *     through without a token must never ask)
   */
  public static Principal current() {
    Principal principal = KEY.get();
    if (principal == null) {
      throw new UnauthenticatedException();
    }
    return principal;
  }
}
