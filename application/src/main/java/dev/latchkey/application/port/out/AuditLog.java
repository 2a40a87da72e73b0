package dev.latchkey.application.port.out;

import dev.latchkey.domain.audit.AuditEntry;

/** The append-only audit trail. Appends join the caller's transaction. */
public interface AuditLog {
  void append(AuditEntry entry);
}
