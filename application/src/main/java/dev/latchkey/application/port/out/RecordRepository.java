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
 * in a tenant starts with {@link #tick}, in the change's transaction and before any record row is
 * touched: it orders the changes.
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
