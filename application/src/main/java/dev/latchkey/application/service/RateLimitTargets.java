package dev.latchkey.application.service;

import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import jakarta.inject.Inject;

/** Checks that a rate limit's tenant, and its principal in that tenant, exist. */
public final class RateLimitTargets {
  private final TenantRepository tenants;
  private final PrivateAppRepository apps;
  private final UserRepository users;

  @Inject
  public RateLimitTargets(TenantRepository tenants, PrivateAppRepository apps, UserRepository users) {
    this.tenants = tenants;
    this.apps = apps;
    this.users = users;
  }

  /**
   * Returns normally when {@code target} names a live tenant, or a live principal within it.
   *
   * @throws NotFoundException if the tenant, or the principal within it, does not exist
   */
  public void requireExists(RateLimitTarget target) {
    boolean exists = tenants.findById(target.tenantId()).isPresent() && switch (target) {
      case RateLimitTarget.OfTenant t -> true;
      case RateLimitTarget.OfIngest i -> true;
      case RateLimitTarget.OfPrincipal p -> switch (p.principal()) {
        case Actor.PrivateAppRef app -> apps.findById(p.tenantId(), app.id()).isPresent();
        case Actor.UserRef user -> users.findById(p.tenantId(), user.id()).isPresent();
        case Actor.Operator o -> false;
        case Actor.TenantIngest i -> false;
      };
    };
    if (!exists) {
      throw new NotFoundException(target.resourceName() + " not found");
    }
  }
}
