package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Stored private apps, always within their tenant. Deleted apps are never returned. */
public interface PrivateAppRepository {
  void insert(PrivateApp app);

  Optional<PrivateApp> findById(TenantId tenantId, PrivateAppId id);

  /**
   * Stores {@code app} if the stored one still has version {@code app.version() - 1}.
   *
   * @return false if the app was changed or deleted in the meantime
   */
  boolean update(PrivateApp app);

  /** Apps newest first, optionally only those in {@code state}. */
  Page<PrivateApp> list(TenantId tenantId, PageRequest request, Optional<PrivateAppState> state);

  /**
   * Marks the app deleted at {@code when}.
   *
   * @return false if there was no such live app
   */
  boolean delete(TenantId tenantId, PrivateAppId id, Instant when);
}
