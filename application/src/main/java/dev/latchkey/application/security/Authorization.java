package dev.latchkey.application.security;

import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.principal.Principal;

/** Checks a caller against the permission table. */
public final class Authorization {
  private Authorization() {}

  /** Whether {@code principal} may run {@code operation}. */
  public static boolean permits(Principal principal, Operation operation) {
    return switch (operation.requirement()) {
      case Requirement.OperatorOnly r -> principal instanceof Principal.OperatorPrincipal;
      case Requirement.AnyTenantPrincipal r -> principal instanceof Principal.TenantPrincipal;
      case Requirement.AnyCaller r -> true;
      case Requirement.GrantOn(var model, var action) ->
          principal instanceof Principal.TenantPrincipal p && p.allows(model, action);
    };
  }

  /**
   * Returns normally when {@code principal} may run {@code operation}.
   *
   * @throws PermissionDeniedException otherwise, naming what is missing
   */
  public static void require(Principal principal, Operation operation) {
    if (!permits(principal, operation)) {
      throw new PermissionDeniedException(describe(operation.requirement()));
    }
  }

  private static String describe(Requirement requirement) {
    return switch (requirement) {
      case Requirement.OperatorOnly r -> "this call needs the operator token";
      case Requirement.AnyTenantPrincipal r -> "this call needs a token of a user or a private app";
      case Requirement.AnyCaller r -> "this call needs a token";
      case Requirement.GrantOn(var model, var action) ->
          "this call needs the " + action.name().toLowerCase(java.util.Locale.ROOT)
              + " permission on " + model.apiName();
    };
  }
}
