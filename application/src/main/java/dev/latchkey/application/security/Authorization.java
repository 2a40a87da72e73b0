package dev.latchkey.application.security;

import dev.latchkey.application.port.in.RecordRequest;
import dev.latchkey.application.port.in.Request;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.role.Role;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Checks a caller against the permission table, and the no-escalation rule. */
public final class Authorization {
  private Authorization() {}

  /** Whether {@code principal} may run {@code operation}. */
  public static boolean permits(Principal principal, Operation operation) {
    if (principal instanceof Principal.IngestPrincipal) {
      // An ingest token opens the ingestion API and nothing else, whatever the operation asks.
      return operation.requirement() instanceof Requirement.IngestToken;
    }
    return switch (operation.requirement()) {
      case Requirement.IngestToken r -> false;
      case Requirement.OperatorOnly r -> principal instanceof Principal.OperatorPrincipal;
      case Requirement.AnyTenantPrincipal r -> principal instanceof Principal.TenantPrincipal;
      case Requirement.AnyCaller r -> true;
      case Requirement.GrantOn(var model, var action) -> holds(principal, model, action);
      case Requirement.OperatorOrGrantOn(var model, var action) ->
          principal instanceof Principal.OperatorPrincipal || holds(principal, model, action);
      // The model comes with the request: require(Principal, Request) checks the grants on it.
      case Requirement.GrantOnRecordModel r -> principal instanceof Principal.TenantPrincipal;
    };
  }

  /**
   * Returns normally when {@code principal} may run {@code request}: its operation and, for records,
   * every action it needs on the data model it names.
   *
   * @throws PermissionDeniedException otherwise, naming what is missing
   */
  public static void require(Principal principal, Request request) {
    require(principal, request.operation());
    if (request.operation().requirement() instanceof Requirement.GrantOnRecordModel(var actions)) {
      if (!(request instanceof RecordRequest r)) {
        throw new IllegalStateException(request.operation() + " needs a request that names its data model");
      }
      for (Action action : actions) {
        requireGrant(principal, r.dataModel(), action);
      }
    }
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

  /**
   * Returns {@code principal} as a tenant principal holding {@code action} on {@code model}.
   *
   * @throws PermissionDeniedException otherwise
   */
  public static Principal.TenantPrincipal requireGrant(Principal principal, DataModel model, Action action) {
    if (!holds(principal, model, action)) {
      throw new PermissionDeniedException(describe(new Requirement.GrantOn(model, action)));
    }
    return (Principal.TenantPrincipal) principal;
  }

  /**
   * The no-escalation rule: nobody grants, copies or mints permissions they do not hold.
   *
   * @throws PermissionDeniedException naming the grants {@code caller} lacks
   */
  public static void requireHolds(Principal.TenantPrincipal caller, PermissionSet requested) {
    if (!caller.grants().includes(requested)) {
      List<Grant> missing = caller.grants().missingFrom(requested);
      throw new PermissionDeniedException("you cannot give permissions you do not hold yourself: "
          + missing.stream()
              .map(g -> g.dataModel().apiName() + " " + g.orderedActions().stream()
                  .map(a -> a.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("/")))
              .collect(Collectors.joining(", ")));
    }
  }

  /**
   * The no-escalation rule for the grants an existing role carries (assigning it, switching its API
   * access on, reactivating one of its members). The refusal names the missing grants only to a
   * caller who may read roles: anyone else learns that something is missing, not what.
   *
   * @throws PermissionDeniedException when {@code caller} lacks any of the role's grants
   */
  public static void requireHoldsGrantsOf(Principal.TenantPrincipal caller, Role role) {
    requireHoldsGrantsOf(caller, role.resourceName(), role.grants(), DataModel.ROLES);
  }

  /** The same for the grants of an existing private app (re-enabling it, minting its token). */
  public static void requireHoldsGrantsOf(Principal.TenantPrincipal caller, PrivateApp app) {
    requireHoldsGrantsOf(caller, app.resourceName(), app.grants(), DataModel.PRIVATE_APPS);
  }

  private static void requireHoldsGrantsOf(
      Principal.TenantPrincipal caller, String resource, PermissionSet grants, DataModel readableThrough) {
    if (caller.grants().includes(grants)) {
      return;
    }
    if (caller.allows(readableThrough, Action.READ)) {
      requireHolds(caller, grants);
    }
    throw new PermissionDeniedException(
        "you cannot give permissions you do not hold yourself: " + resource + " has permissions you lack");
  }

  /** {@code principal} as a tenant principal; the callers of this ran {@link #require} first. */
  public static Principal.TenantPrincipal tenantPrincipal(Principal principal) {
    if (principal instanceof Principal.TenantPrincipal p) {
      return p;
    }
    throw new PermissionDeniedException("this call needs a token of a user or a private app");
  }

  /** {@code principal} as an ingest principal; the callers of this ran {@link #require} first. */
  public static Principal.IngestPrincipal ingestPrincipal(Principal principal) {
    if (principal instanceof Principal.IngestPrincipal p) {
      return p;
    }
    throw new PermissionDeniedException("this call needs the tenant's ingest token");
  }

  private static boolean holds(Principal principal, DataModel model, Action action) {
    return principal instanceof Principal.TenantPrincipal p && p.allows(model, action);
  }

  private static String describe(Requirement requirement) {
    return switch (requirement) {
      case Requirement.OperatorOnly r -> "this call needs the operator token";
      case Requirement.AnyTenantPrincipal r -> "this call needs a token of a user or a private app";
      case Requirement.AnyCaller r -> "this call needs a token";
      case Requirement.IngestToken r -> "this call needs the tenant's ingest token";
      case Requirement.GrantOn(var model, var action) -> "this call needs the "
          + action.name().toLowerCase(Locale.ROOT) + " permission on " + model.apiName();
      case Requirement.OperatorOrGrantOn(var model, var action) -> "this call needs the operator token or the "
          + action.name().toLowerCase(Locale.ROOT) + " permission on " + model.apiName();
      case Requirement.GrantOnRecordModel r -> "this call needs a token of a user or a private app";
    };
  }
}
