package dev.latchkey.application.port.in;

import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.tenant.TenantId;
import java.util.Optional;

/**
 * Who the caller is: its principal name, its tenant (none for the operator), its effective grants,
 * the name of the token it used (none for the operator) and the rate limit in force for it (zero:
 * not limited, or not known, as for a token that was only introspected).
 */
public record CallerIdentity(
    String principal,
    String displayName,
    Optional<TenantId> tenant,
    PermissionSet grants,
    Optional<String> token,
    RequestsPerMinute rateLimit) {

  public CallerIdentity(
      String principal, String displayName, Optional<TenantId> tenant, PermissionSet grants, Optional<String> token) {
    this(principal, displayName, tenant, grants, token, RequestsPerMinute.NONE);
  }

  public CallerIdentity withRateLimit(RequestsPerMinute limit) {
    return new CallerIdentity(principal, displayName, tenant, grants, token, limit);
  }

  public static CallerIdentity of(Principal principal) {
    return switch (principal) {
      case Principal.OperatorPrincipal o ->
          new CallerIdentity(
              o.actor().resourceName(), "Operator", Optional.empty(), PermissionSet.none(), Optional.empty());
      case Principal.IngestPrincipal i ->
          new CallerIdentity(
              i.actor().resourceName(), "Ingest token", Optional.of(i.tenantId()), PermissionSet.none(),
              Optional.empty());
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
