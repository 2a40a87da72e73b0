package dev.latchkey.domain.ratelimit;

import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import java.util.Objects;

/**
 * Whose rate limit: a tenant's (each of its principals' default), one principal's own, or the
 * tenant's ingest budget (its ingestion calls, apart from API calls).
 */
public sealed interface RateLimitTarget {
  TenantId tenantId();

  /**
   * {@code tenants/{t}/rateLimit}, {@code tenants/{t}/privateApps/{a}/rateLimit}, {@code .../users/{u}/rateLimit}
   * or {@code tenants/{t}/ingestRateLimit}.
   */
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

  /** The budget of the tenant's ingestion calls (its ingest token), apart from its API calls. */
  record OfIngest(TenantId tenantId) implements RateLimitTarget {
    public OfIngest {
      Objects.requireNonNull(tenantId, "tenantId");
    }

    @Override
    public String resourceName() {
      return "tenants/" + tenantId + "/ingestRateLimit";
    }
  }
}
