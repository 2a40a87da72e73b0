package dev.latchkey.application.fakes;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.RecordFilter;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.record.RecordRevision;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Records and revisions in memory, found only within their tenant and model. The clock behaves as
 * the real one does (sequence numbers in order, change times strictly increasing at microsecond
 * precision) without its lock: the fakes run one transaction at a time. Lists by (change time,
 * sequence), with {@code <epoch micros>:<sequence>} as the cursor, as the real adapter does.
 */
public final class InMemoryRecordRepository implements RecordRepository, Snapshottable {
  private record ClockKey(TenantId tenantId, DataModel dataModel) {}

  private record RecordKey(TenantId tenantId, UUID id) {}

  private final Map<ClockKey, Tick> clocks = new HashMap<>();
  private final Map<RecordKey, DataRecord> records = new LinkedHashMap<>();
  private final List<RecordRevision> revisions = new ArrayList<>();

  @Override
  public synchronized Tick tick(TenantId tenantId, DataModel dataModel, int count, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    Tick last = clocks.get(new ClockKey(tenantId, dataModel));
    Tick next = last == null ? new Tick(count, at) : new Tick(last.lastSequence() + count,
        at.isAfter(last.time()) ? at : last.time().plus(1, ChronoUnit.MICROS));
    clocks.put(new ClockKey(tenantId, dataModel), next);
    return next;
  }

  @Override
  public synchronized void insert(List<DataRecord> toInsert) {
    for (DataRecord r : toInsert) {
      requireUniqueExternalId(r);
      records.put(new RecordKey(r.tenantId(), r.id().value()), r);
    }
  }

  @Override
  public synchronized Optional<DataRecord> find(TenantId tenantId, DataModel dataModel, RecordId id) {
    return Optional.ofNullable(records.get(new RecordKey(tenantId, id.value())))
        .filter(r -> r.dataModel() == dataModel);
  }

  @Override
  public synchronized List<DataRecord> findByExternalIds(
      TenantId tenantId, DataModel dataModel, Collection<ExternalId> externalIds) {
    Set<ExternalId> wanted = Set.copyOf(externalIds);
    return records.values().stream()
        .filter(r -> r.tenantId().equals(tenantId) && r.dataModel() == dataModel)
        .filter(r -> r.externalId().map(wanted::contains).orElse(false))
        .toList();
  }

  @Override
  public synchronized int update(List<DataRecord> toUpdate) {
    int stored = 0;
    for (DataRecord r : toUpdate) {
      RecordKey key = new RecordKey(r.tenantId(), r.id().value());
      DataRecord current = records.get(key);
      if (current != null && current.dataModel() == r.dataModel() && current.version() == r.version() - 1) {
        requireUniqueExternalId(r);
        records.put(key, r);
        stored++;
      }
    }
    return stored;
  }

  @Override
  public synchronized boolean delete(DataRecord record) {
    RecordKey key = new RecordKey(record.tenantId(), record.id().value());
    DataRecord current = records.get(key);
    if (current == null || current.version() != record.version() || current.dataModel() != record.dataModel()) {
      return false;
    }
    records.remove(key);
    return true;
  }

  @Override
  public synchronized Page<DataRecord> list(
      TenantId tenantId, DataModel dataModel, RecordFilter filter, PageRequest request) {
    long[] after = request.cursor().map(c -> {
      int colon = c.indexOf(':');
      return new long[] {Long.parseLong(c.substring(0, colon)), Long.parseLong(c.substring(colon + 1))};
    }).orElse(null);
    List<DataRecord> matching = records.values().stream()
        .filter(r -> r.tenantId().equals(tenantId) && r.dataModel() == dataModel && filter.matches(r))
        .filter(r -> after == null || micros(r.updateTime()) > after[0]
            || (micros(r.updateTime()) == after[0] && r.sequence() > after[1]))
        .sorted(Comparator.comparing(DataRecord::updateTime).thenComparingLong(DataRecord::sequence))
        .limit(request.size() + 1L)
        .toList();
    boolean more = matching.size() > request.size();
    List<DataRecord> items = matching.stream().limit(request.size()).toList();
    return new Page<>(items, more
        ? Optional.of(micros(items.getLast().updateTime()) + ":" + items.getLast().sequence()) : Optional.empty());
  }

  @Override
  public synchronized void appendRevisions(List<RecordRevision> toAppend) {
    for (RecordRevision r : toAppend) {
      boolean duplicate = revisions.stream().anyMatch(x -> x.tenantId().equals(r.tenantId())
          && x.recordId().equals(r.recordId()) && x.version() == r.version());
      if (duplicate) {
        throw new IllegalStateException("duplicate revision " + r.resourceName());
      }
      revisions.add(r);
    }
  }

  @Override
  public synchronized Page<RecordRevision> revisions(
      TenantId tenantId, DataModel dataModel, RecordId id, PageRequest request) {
    long after = request.cursor().map(Long::parseLong).orElse(0L);
    List<RecordRevision> matching = revisions.stream()
        .filter(r -> r.tenantId().equals(tenantId) && r.dataModel() == dataModel && r.recordId().equals(id))
        .filter(r -> r.version() > after)
        .sorted(Comparator.comparingLong(RecordRevision::version))
        .limit(request.size() + 1L)
        .toList();
    boolean more = matching.size() > request.size();
    List<RecordRevision> items = matching.stream().limit(request.size()).toList();
    return new Page<>(items, more ? Optional.of(Long.toString(items.getLast().version())) : Optional.empty());
  }

  /** Every stored record, in no particular order. */
  public synchronized List<DataRecord> all() {
    return List.copyOf(records.values());
  }

  @Override
  public synchronized Runnable snapshot() {
    Map<ClockKey, Tick> clockCopy = new HashMap<>(clocks);
    Map<RecordKey, DataRecord> recordCopy = new LinkedHashMap<>(records);
    List<RecordRevision> revisionCopy = new ArrayList<>(revisions);
    return () -> {
      synchronized (this) {
        clocks.clear();
        clocks.putAll(clockCopy);
        records.clear();
        records.putAll(recordCopy);
        revisions.clear();
        revisions.addAll(revisionCopy);
      }
    };
  }

  private void requireUniqueExternalId(DataRecord r) {
    if (r.externalId().isEmpty()) {
      return;
    }
    boolean taken = records.values().stream().anyMatch(x -> x.tenantId().equals(r.tenantId())
        && x.dataModel() == r.dataModel() && x.externalId().equals(r.externalId()) && !x.id().equals(r.id()));
    if (taken) {
      throw new AlreadyExistsException(
          "a record of " + r.dataModel().apiName() + " with this external_id already exists");
    }
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }
}
