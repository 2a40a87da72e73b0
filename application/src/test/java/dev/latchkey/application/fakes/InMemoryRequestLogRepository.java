package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.RequestLogRepository;
import dev.latchkey.application.port.out.RequestLogSink;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The request log in memory: the sink that the request path writes to and the repository the Logs
 * tab reads, over the same entries, as if every queued entry were written at once. Each entry gets a
 * time-ordered id (its time in milliseconds, then the order it arrived in) that serves as the cursor,
 * so listings are newest first and keyset-paged like the real table.
 *
 * <p>Not {@link Snapshottable} on purpose: entries are written off the request path, outside any
 * transaction, so a rolled-back change must not take them back.
 */
public final class InMemoryRequestLogRepository implements RequestLogRepository, RequestLogSink {
  private final TreeMap<UUID, RequestLogEntry> entries = new TreeMap<>(InMemoryTenantRepository.UNSIGNED.reversed());
  private final List<RequestLogEntry> recorded = new ArrayList<>();
  private long sequence;
  private boolean closed;

  @Override
  public synchronized void record(RequestLogEntry entry) {
    if (closed) {
      throw new IllegalStateException("the request log is closed");
    }
    long n = sequence++;
    UUID id = new UUID((entry.time().toEpochMilli() << 16) | 0x7000L, 0x8000_0000_0000_0000L | n);
    entries.put(id, entry);
    recorded.add(entry);
  }

  @Override
  public synchronized Page<RequestLogEntry> list(TenantId tenantId, Actor principal, PageRequest request) {
    Map<UUID, RequestLogEntry> after = request.cursor()
        .map(cursor -> (Map<UUID, RequestLogEntry>) entries.tailMap(UUID.fromString(cursor), false))
        .orElse(entries);
    List<RequestLogEntry> items = new ArrayList<>();
    UUID last = null;
    for (Map.Entry<UUID, RequestLogEntry> e : after.entrySet()) {
      RequestLogEntry entry = e.getValue();
      if (!entry.tenantId().equals(tenantId) || !entry.principal().equals(principal)) {
        continue;
      }
      if (items.size() == request.size()) {
        return new Page<>(items, Optional.of(last.toString()));
      }
      items.add(entry);
      last = e.getKey();
    }
    return new Page<>(items, Optional.empty());
  }

  /** Refuses further entries, as the real sink does once it has shut down. */
  public synchronized void close() {
    closed = true;
  }

  /** Every entry recorded, in the order it arrived. */
  public synchronized List<RequestLogEntry> recorded() {
    return List.copyOf(recorded);
  }
}
