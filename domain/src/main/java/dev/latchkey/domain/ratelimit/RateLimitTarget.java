package dev.latchkey.domain.ratelimit;

import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import java.util.Objects;

/** Whose rate limit: a tenant's (each of its principals' default) or one principal's own. */
public sealed interface RateLimitTarget {
  TenantId tenantId();

  /** {@code tenants/{t}/rateLimit}, {@code tenants/{t}/privateApps/{a}/rateLimit} or {@code .../users/{u}/rateLimit}. */
  String resourceName();

  record OfTenant(TenantId tenantId) implements RateLimitTarget {
    public OfTenant {
      Objects.requireNonNull(tenantId, "tenantId");
    }

    @Override
    public String resourceName() {
      return "tenants/" + tenantId + "/rateLimit";
    }
  }

  /**
   * The limit of one principal.
   *
   * @param principal a private app or a user of the tenant
   */
  record OfPrincipal(TenantId tenantId, Actor principal) implements RateLimitTarget {
    public OfPrincipal {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(principal, "principal");
      if (principal instanceof Actor.Operator) {
        throw new IllegalArgumentException("the operator has no rate limit");
      }
    }

    @Override
    public String resourceName() {
      return "tenants/" + tenantId + "/" + principal.resourceName() + "/rateLimit";
    }
  }
}
