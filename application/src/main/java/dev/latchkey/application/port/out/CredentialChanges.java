package dev.latchkey.application.port.out;

import dev.latchkey.domain.tenant.TenantId;

/**
 * Tells every instance that credentials of a tenant may have changed, so that caches of verified
 * tokens drop what they hold for it.
 */
public interface CredentialChanges {
  /** Announces a change of {@code tenant}; delivered when the current transaction commits, never before. */
  void announce(TenantId tenant);
}
