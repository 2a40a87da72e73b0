package dev.latchkey.application.service;

import dev.latchkey.application.port.in.BatchUpsertRecordsCommand;
import dev.latchkey.application.port.in.BatchUpsertRecordsUseCase;
import dev.latchkey.application.port.in.BatchUpsertResult;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.RecordId;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates or replaces a batch of records matched on their external ids, in one transaction and a
 * fixed number of statements whatever the batch size: one read of the existing records, then one
 * {@link RecordRepository#write} (tick, inserts, updates, revisions), a second read of the unchanged
 * records if any, the change events. The read comes before the tick, so the model's other writers
 * do not wait for it; a batch that another writer overtook between the two runs again with the read
 * behind the tick.
 */
public final class BatchUpsertRecordsService extends InTenantService<BatchUpsertRecordsCommand, BatchUpsertResult>
    implements BatchUpsertRecordsUseCase {
  private final Transactions transactions;
  private final RecordRepository records;
  private final RecordHistory history;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public BatchUpsertRecordsService(
      Transactions transactions, RecordRepository records, RecordHistory history, IdGenerator ids,
      InstantSource clock) {
    this.transactions = transactions;
    this.records = records;
    this.history = history;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  protected BatchUpsertResult handle(Principal.TenantPrincipal caller, BatchUpsertRecordsCommand command) {
    try {
      return transactions.inTransaction(() -> upsert(caller, command, false));
    } catch (Raced e) {
      // A writer of some of these records came between the read and the tick: again, reading behind
      // the tick this time, where no writer of the model can come between.
      return transactions.inTransaction(() -> upsert(caller, command, true));
    }
  }

  /**
   * The batch in the current transaction. The existing records are read before the tick when
   * {@code readBehindTick} is false, so that the model's other writers wait for this batch's one
   * write statement and its commit only; whatever another writer changed of them in between is
   * caught behind the tick (a versioned update that misses, a unique external id taken, an unchanged
   * record whose version moved) and throws {@link Raced}, rolling everything back.
   */
  private BatchUpsertResult upsert(
      Principal.TenantPrincipal caller, BatchUpsertRecordsCommand command, boolean readBehindTick) {
    List<BatchUpsertRecordsCommand.Upsert> upserts = command.records();
    Instant now = clock.instant();
    if (readBehindTick) {
      // Takes the model's place now (no position: write() takes the batch's), before the read.
      records.tick(caller.tenantId(), command.dataModel(), 0, now);
    }
    Map<ExternalId, DataRecord> existing = new HashMap<>();
    for (DataRecord r : records.findByExternalIds(caller.tenantId(), command.dataModel(),
        upserts.stream().map(BatchUpsertRecordsCommand.Upsert::externalId).toList())) {
      r.externalId().ifPresent(x -> existing.put(x, r));
    }
    // Built with a stand-in time and each upsert's position in the batch; write() stamps both.
    long position = 0;
    List<DataRecord> result = new ArrayList<>(upserts.size());
    List<DataRecord> inserts = new ArrayList<>();
    List<DataRecord> updates = new ArrayList<>();
    List<DataRecord> unchanged = new ArrayList<>();
    java.util.BitSet toStamp = new java.util.BitSet(upserts.size());
    List<ChangeEvent.RecordChange> events = new ArrayList<>();
    for (BatchUpsertRecordsCommand.Upsert upsert : upserts) {
      position++;
      DataRecord current = existing.get(upsert.externalId());
      if (current == null) {
        Change<DataRecord> created = DataRecord.create(caller.tenantId(), command.dataModel(),
            new RecordId(ids.newId()), Optional.of(upsert.externalId()), upsert.fields(), caller.actor(),
            now, position);
        inserts.add(created.value());
        events.add((ChangeEvent.RecordChange) created.event());
        toStamp.set(result.size());
        result.add(created.value());
        continue;
      }
      Optional<Change<DataRecord>> change = current.replaceFields(upsert.fields(), caller.actor(), now, position);
      if (change.isEmpty()) {
        unchanged.add(current);
        result.add(current);
      } else {
        updates.add(change.get().value());
        events.add((ChangeEvent.RecordChange) change.get().event());
        toStamp.set(result.size());
        result.add(change.get().value());
      }
    }
    RecordRepository.Written written;
    try {
      written = records.write(caller.tenantId(), command.dataModel(), upserts.size(), now, inserts, updates,
          history.revisions(caller, now, events));
    } catch (AlreadyExistsException e) {
      if (readBehindTick) {
        throw e;
      }
      // Created by another writer since the read.
      throw new Raced();
    }
    if (written.updated() != updates.size()) {
      if (!readBehindTick) {
        throw new Raced();
      }
      // The tick keeps writers of the model out; a mismatch means a writer that skipped it.
      throw new ConflictException("records of the batch were changed concurrently; retry");
    }
    if (!readBehindTick && !unchanged.isEmpty() && !stillCurrent(caller, command, unchanged)) {
      throw new Raced();
    }
    history.written(caller, written.tick(), upserts.size(), events);
    int count = upserts.size();
    List<DataRecord> stored = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      stored.add(toStamp.get(i) ? RecordRepository.stamp(result.get(i), written.tick(), count) : result.get(i));
    }
    return new BatchUpsertResult(stored, inserts.size(), updates.size(), unchanged.size());
  }

  /** Whether each of {@code read} (records read before the tick) is still stored in the version read, behind it. */
  private boolean stillCurrent(
      Principal.TenantPrincipal caller, BatchUpsertRecordsCommand command, List<DataRecord> read) {
    Map<RecordId, Long> versions = new HashMap<>();
    for (DataRecord r : records.findByExternalIds(caller.tenantId(), command.dataModel(),
        read.stream().map(r -> r.externalId().orElseThrow()).toList())) {
      versions.put(r.id(), r.version());
    }
    return read.stream().allMatch(r -> Long.valueOf(r.version()).equals(versions.get(r.id())));
  }

  /** The read before the tick is out of date: the batch is rolled back and run again. */
  private static final class Raced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Raced() {
      super("a writer of the batch's records came between the read and the tick", null, false, false);
    }
  }
}
