package dev.latchkey.domain.change;

import dev.latchkey.domain.tenant.TenantId;

/** A tenant resource guarded by a version: the etag clients send back is derived from it. */
public interface Versioned {
  TenantId tenantId();

  /** Incremented once per change. */
  long version();

  String resourceName();
}
