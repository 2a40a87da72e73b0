package dev.latchkey.application.port.in;

import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.TenantId;
import java.util.Optional;

/**
 * Who the caller is: its principal name, its tenant (none for the operator), its effective grants,
 * and the name of the token it used (none for the operator).
 */
public record CallerIdentity(
    String principal,
    String displayName,
    Optional<TenantId> tenant,
    PermissionSet grants,
    Optional<String> token) {

  public static CallerIdentity of(Principal principal) {
    return switch (principal) {
      case Principal.OperatorPrincipal o ->
          new CallerIdentity(
              o.actor().resourceName(), "Operator", Optional.empty(), PermissionSet.none(), Optional.empty());
      case Principal.TenantPrincipal p ->
          new CallerIdentity(
              p.actor().resourceName(),
              p.displayName(),
              Optional.of(p.tenantId()),
              p.grants(),
              Optional.of(p.tokenName()).filter(name -> !name.isEmpty()));
    };
  }
}
