package dev.latchkey.application.service;

import dev.latchkey.application.port.in.BatchUpsertRecordsCommand;
import dev.latchkey.application.port.in.BatchUpsertRecordsUseCase;
import dev.latchkey.application.port.in.BatchUpsertResult;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.RecordId;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates or replaces a batch of records matched on their external ids, in one transaction and a
 * fixed number of statements whatever the batch size: one tick, one read of the existing records,
 * one insert, one update, one insert of revisions.
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
    List<BatchUpsertRecordsCommand.Upsert> upserts = command.records();
    return transactions.inTransaction(() -> {
      var tick = records.tick(caller.tenantId(), command.dataModel(), upserts.size(), clock.instant());
      long sequence = tick.lastSequence() - upserts.size();
      Map<ExternalId, DataRecord> existing = new HashMap<>();
      for (DataRecord r : records.findByExternalIds(caller.tenantId(), command.dataModel(),
          upserts.stream().map(BatchUpsertRecordsCommand.Upsert::externalId).toList())) {
        r.externalId().ifPresent(x -> existing.put(x, r));
      }
      List<DataRecord> result = new ArrayList<>(upserts.size());
      List<DataRecord> inserts = new ArrayList<>();
      List<DataRecord> updates = new ArrayList<>();
      List<ChangeEvent.RecordChange> events = new ArrayList<>();
      for (BatchUpsertRecordsCommand.Upsert upsert : upserts) {
        sequence++;
        DataRecord current = existing.get(upsert.externalId());
        if (current == null) {
          Change<DataRecord> created = DataRecord.create(caller.tenantId(), command.dataModel(),
              new RecordId(ids.newId()), Optional.of(upsert.externalId()), upsert.fields(), caller.actor(),
              tick.time(), sequence);
          inserts.add(created.value());
          events.add((ChangeEvent.RecordChange) created.event());
          result.add(created.value());
          continue;
        }
        Optional<Change<DataRecord>> change =
            current.replaceFields(upsert.fields(), caller.actor(), tick.time(), sequence);
        if (change.isEmpty()) {
          result.add(current);
        } else {
          updates.add(change.get().value());
          events.add((ChangeEvent.RecordChange) change.get().event());
          result.add(change.get().value());
        }
      }
      if (!inserts.isEmpty()) {
        records.insert(inserts);
      }
      if (!updates.isEmpty() && records.update(updates) != updates.size()) {
        // The tick keeps writers of the model out; a mismatch means a writer that skipped it.
        throw new ConflictException("records of the batch were changed concurrently; retry");
      }
      history.record(caller, tick.time(), events);
      return new BatchUpsertResult(result, inserts.size(), updates.size(),
          upserts.size() - inserts.size() - updates.size());
    });
  }
}
