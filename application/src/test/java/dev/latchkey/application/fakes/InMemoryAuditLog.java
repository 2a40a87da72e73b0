package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.domain.audit.AuditEntry;
import java.util.ArrayList;
import java.util.List;

/** The audit trail in memory, in the order entries were appended. */
public final class InMemoryAuditLog implements AuditLog, Snapshottable {
  private final List<AuditEntry> entries = new ArrayList<>();
  private final Faults faults = new Faults();

  @Override
  public synchronized void append(AuditEntry entry) {
    faults.throwIfArmed();
    entries.add(entry);
  }

  /** Makes the next {@link #append} throw {@code failure}, once. */
  public void failNextAppend(RuntimeException failure) {
    faults.arm(failure);
  }

  public synchronized List<AuditEntry> entries() {
    return List.copyOf(entries);
  }

  @Override
  public synchronized Runnable snapshot() {
    List<AuditEntry> copy = List.copyOf(entries);
    return () -> {
      synchronized (this) {
        entries.clear();
        entries.addAll(copy);
      }
    };
  }
}
