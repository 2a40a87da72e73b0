package dev.latchkey.application.port.in;

import dev.latchkey.domain.tenant.TenantId;

/** What the listener for credential changes reports to this instance's cache of verified tokens. */
public interface InvalidateCredentialsUseCase {
  /** Credentials of {@code tenant} may have changed: forget what is cached for it. */
  void tenantChanged(TenantId tenant);

  /**
   * Whether changes are being heard. While not, nothing is cached and everything cached is
   * forgotten: a missed change must never keep a dead token alive.
   */
  void listening(boolean listening);
}
