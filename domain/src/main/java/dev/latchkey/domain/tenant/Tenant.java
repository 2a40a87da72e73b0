package dev.latchkey.domain.tenant;

import dev.latchkey.domain.common.DisplayName;
import java.time.Instant;
import java.util.Objects;

/** A customer of the SaaS product: the boundary that every other resource lives inside. */
public record Tenant(TenantId id, DisplayName displayName, Instant createTime, Instant updateTime) {
  public Tenant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(updateTime, "updateTime");
  }

  public static Tenant create(TenantId id, DisplayName displayName, Instant now) {
    return new Tenant(id, displayName, now, now);
  }

  public String resourceName() {
    return "tenants/" + id;
  }
}
