package dev.latchkey.application.service;

import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.tenant.TenantId;

/** Loading an app the caller named, the same way everywhere. */
final class PrivateApps {
  private PrivateApps() {}

  /**
   * The live app {@code id} of {@code tenant}.
   *
   * @throws NotFoundException if there is none (absent, deleted, or of another tenant)
   */
  static PrivateApp load(PrivateAppRepository apps, TenantId tenant, PrivateAppId id) {
    return apps.findById(tenant, id).orElseThrow(() -> notFound(id));
  }

  static NotFoundException notFound(PrivateAppId id) {
    return new NotFoundException("privateApps/" + id + " not found");
  }
}
