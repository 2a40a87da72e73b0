package dev.latchkey.application.port.in;

import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.principal.Principal;
import java.util.Optional;

/** Token checks for other services that accept Latchkey tokens. */
public interface IntrospectTokenUseCase {
  /**
   * The identity behind {@code token} if it is usable now; empty for anything else (malformed,
   * unknown, deleted, owner inactive, of another tenant than a tenant caller's), without saying which.
   *
   * @throws dev.latchkey.domain.error.PermissionDeniedException unless the caller is the operator or
   *     holds read on token_introspection
   */
  Optional<CallerIdentity> introspect(Principal caller, String token);

  /** Whether {@code token} is usable now and allows {@code action} on {@code model}. Same rules. */
  boolean checkAccess(Principal caller, String token, DataModel model, Action action);
}
