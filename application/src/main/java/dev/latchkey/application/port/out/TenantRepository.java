package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import java.util.Optional;

/** Stored tenants. */
public interface TenantRepository {
  void insert(Tenant tenant);

  Optional<Tenant> findById(TenantId id);

  /** Tenants newest first, {@code request.size()} at most, after the request's cursor. */
  Page<Tenant> list(PageRequest request);
}
