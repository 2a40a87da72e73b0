package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.tenant.TenantId;
import java.util.Optional;

/** The append-only audit trail. Appends join the caller's transaction. */
public interface AuditLog {
  void append(AuditEntry entry);

  /**
   * A tenant's entries newest first; with {@code target}, only those whose target is it or lies
   * under it ({@code privateApps/x} includes {@code privateApps/x/tokens/y}).
   */
  Page<AuditEntry> list(TenantId tenantId, PageRequest request, Optional<String> target);
}
