package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.tenant.Tenant;

/**
 * Tenants newest first (operator only); the next cursor is already an opaque page token.
 */
public interface ListTenantsUseCase extends UseCase<ListTenantsQuery, Page<Tenant>> {}
