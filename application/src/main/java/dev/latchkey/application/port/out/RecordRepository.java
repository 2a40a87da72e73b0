package dev.latchkey.application.port.out;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.RecordFilter;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.record.RecordRevision;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Stored records and their revisions, always within their tenant. Every change of a model's records
 * in a tenant takes the model's {@link #tick} (alone, or as the first step of {@link #write}) in the
 * change's transaction before any record row is written: it orders the changes. Reads may come
 * before it; what they saw is then checked behind it (versioned updates, unique external ids).
 */
public interface RecordRepository {
  /**
   * Positions reserved for changes: the last of them, and the time they happen at.
   *
   * @param lastSequence the last of the reserved sequence numbers
   * @param time the change time: never earlier than {@code now}, always later than any change time
   *     handed out before for the model in the tenant
   */
  record Tick(long lastSequence, Instant time) {}

  /**
   * Reserves {@code count} sequence numbers and a change time for the model's records in the tenant.
   * Until the transaction ends, other changes of the same model in the tenant wait here, so sequence
   * numbers become visible in the order they were handed out (a listing by sequence never skips a
   * change that commits later).
   */
  Tick tick(TenantId tenantId, DataModel dataModel, int count, Instant now);

  /** What {@link #write} did: the tick it took, and how many of the updates it applied. */
  record Written(Tick tick, int updated) {}

  /**
   * Changes of the model's records in the tenant, written in one go in their place in the model's
   * order: takes the tick for {@code count} positions (as {@link #tick}), stores {@code inserts},
   * applies {@code updates} (each only if its stored version is still the one before; see {@link
   * #update}) and appends {@code revisions} (of an update not applied, none). Everything is stamped from the tick on the way: the
   * {@code sequence} of a record given here is its position among the {@code count} (1 to {@code
   * count}) and is stored as {@link #stamp}s it, and every change time (a new record's create time
   * too, and each revision's time) is the tick's time. The database adapter does it in one statement,
   * so the model's other writers wait for that statement and the commit only.
   *
   * @throws dev.latchkey.domain.error.AlreadyExistsException if a new record's external id is taken
   */
  default Written write(TenantId tenantId, DataModel dataModel, int count, Instant now, List<DataRecord> inserts,
      List<DataRecord> updates, List<RecordRevision> revisions) {
    Tick tick = tick(tenantId, dataModel, count, now);
    if (!inserts.isEmpty()) {
      insert(inserts.stream().map(r -> stamp(r, tick, count)).toList());
    }
    java.util.Set<RecordId> missed = new java.util.HashSet<>();
    for (DataRecord r : updates) {
      if (update(List.of(stamp(r, tick, count))) == 0) {
        missed.add(r.id());
      }
    }
    List<RecordRevision> applied = revisions.stream()
        .filter(r -> r.kind() != RecordRevision.Kind.UPDATED || !missed.contains(r.recordId()))
        .map(r -> stamp(r, tick))
        .toList();
    if (!applied.isEmpty()) {
      appendRevisions(applied);
    }
    return new Written(tick, updates.size() - missed.size());
  }

  /**
   * {@code record} as {@link #write} stores it: its sequence (a position among {@code count}) made the
   * tick's, changed at the tick's time (created then too, if it is new: version 1).
   */
  static DataRecord stamp(DataRecord record, Tick tick, int count) {
    return new DataRecord(record.tenantId(), record.dataModel(), record.id(), record.externalId(), record.fields(),
        record.version() == 1 ? tick.time() : record.createTime(), tick.time(), record.creator(), record.updater(),
        record.version(), tick.lastSequence() - count + record.sequence());
  }

  /** {@code revision} as {@link #write} stores it: at the tick's time. */
  static RecordRevision stamp(RecordRevision revision, Tick tick) {
    return new RecordRevision(revision.tenantId(), revision.dataModel(), revision.recordId(), revision.version(),
        revision.kind(), tick.time(), revision.actor(), revision.token(), revision.means(), revision.changedFields(),
        revision.externalId(), revision.fields());
  }

  /**
   * Stores new records, all of one tenant and model, in one statement.
   *
   * @throws dev.latchkey.domain.error.AlreadyExistsException if a record of the model in the tenant
   *     already has one of their external ids
   */
  void insert(List<DataRecord> records);

  Optional<DataRecord> find(TenantId tenantId, DataModel dataModel, RecordId id);

  /** The records with any of {@code externalIds}. */
  List<DataRecord> findByExternalIds(TenantId tenantId, DataModel dataModel, Collection<ExternalId> externalIds);

  /**
   * Stores each record (all of one tenant and model) if its stored version is still the one before;
   * in one statement.
   *
   * @return how many were stored
   * @throws dev.latchkey.domain.error.AlreadyExistsException if a new external id is another record's
   */
  int update(List<DataRecord> records);

  /**
   * Deletes {@code record} if its stored version is still {@code record.version()}.
   *
   * @return false if it was changed or deleted meanwhile
   */
  boolean delete(DataRecord record);

  /** Records matching {@code filter}, by sequence, after the request's cursor (a sequence number). */
  Page<DataRecord> list(TenantId tenantId, DataModel dataModel, RecordFilter filter, PageRequest request);

  /** Appends revisions, all of one tenant and model, in one statement. */
  void appendRevisions(List<RecordRevision> revisions);

  /** A record's revisions, oldest first, after the request's cursor (a version). */
  Page<RecordRevision> revisions(TenantId tenantId, DataModel dataModel, RecordId id, PageRequest request);
}
