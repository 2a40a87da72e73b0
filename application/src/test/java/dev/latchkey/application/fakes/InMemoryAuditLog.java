package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit trail in memory, in the order entries were appended. Lists newest first by id (ids are
 * time-ordered UUIDs), with the last listed id as the cursor.
 */
public final class InMemoryAuditLog implements AuditLog, Snapshottable {
  private static final Comparator<AuditEntry> NEWEST_FIRST =
      Comparator.comparing((AuditEntry e) -> e.id().value(), InMemoryTenantRepository.UNSIGNED).reversed();

  private final List<AuditEntry> entries = new ArrayList<>();
  private final Faults faults = new Faults();

  @Override
  public synchronized void append(AuditEntry entry) {
    faults.throwIfArmed();
    if (entries.stream().anyMatch(e -> e.id().equals(entry.id()))) {
      throw new IllegalStateException("duplicate audit event id " + entry.id());
    }
    entries.add(entry);
  }

  @Override
  public synchronized Page<AuditEntry> list(TenantId tenantId, PageRequest request, Optional<String> target) {
    Optional<UUID> cursor = request.cursor().map(UUID::fromString);
    List<AuditEntry> candidates = entries.stream()
        .filter(e -> e.tenantId().equals(tenantId))
        .filter(e -> target.isEmpty() || e.target().equals(target.get()) || e.target().startsWith(target.get() + "/"))
        .filter(e -> cursor.isEmpty() || InMemoryTenantRepository.UNSIGNED.compare(e.id().value(), cursor.get()) < 0)
        .sorted(NEWEST_FIRST)
        .toList();
    if (candidates.size() <= request.size()) {
      return new Page<>(candidates, Optional.empty());
    }
    List<AuditEntry> items = new ArrayList<>(candidates.subList(0, request.size()));
    return new Page<>(items, Optional.of(items.getLast().id().toString()));
  }

  /** Makes the next {@link #append} throw {@code failure}, once. */
  public void failNextAppend(RuntimeException failure) {
    faults.arm(failure);
  }

  /** Every entry of every tenant, oldest first. */
  public synchronized List<AuditEntry> entries() {
    return List.copyOf(entries);
  }

  /** The entries of {@code tenantId}, oldest first. */
  public synchronized List<AuditEntry> entriesOf(TenantId tenantId) {
    return entries.stream().filter(e -> e.tenantId().equals(tenantId)).toList();
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
