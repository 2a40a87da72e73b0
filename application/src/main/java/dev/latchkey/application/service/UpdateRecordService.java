package dev.latchkey.application.service;

import dev.latchkey.application.port.in.UpdateRecordCommand;
import dev.latchkey.application.port.in.UpdateRecordUseCase;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.common.InvalidValueException;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.DataRecord;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies changes to a record, guarded by its version. The same optimistic routine as {@link
 * VersionedUpdate}, except that the change time and position come from the model's {@link
 * dev.latchkey.application.port.out.RecordRepository#tick}, taken before the record is read.
 */
public final class UpdateRecordService extends InTenantService<UpdateRecordCommand, DataRecord>
    implements UpdateRecordUseCase {
  private final Transactions transactions;
  private final RecordRepository records;
  private final RecordHistory history;
  private final InstantSource clock;

  @Inject
  public UpdateRecordService(
      Transactions transactions, RecordRepository records, RecordHistory history, InstantSource clock) {
    this.transactions = transactions;
    this.records = records;
    this.history = history;
    this.clock = clock;
  }

  @Override
  protected DataRecord handle(Principal.TenantPrincipal caller, UpdateRecordCommand command) {
    return transactions.inTransaction(() -> {
      var tick = records.tick(caller.tenantId(), command.dataModel(), 1, clock.instant());
      DataRecord current = records.find(caller.tenantId(), command.dataModel(), command.id())
          .orElseThrow(() -> RecordHistory.notFound(command.dataModel(), command.id()));
      if (command.expectedVersion().isPresent() && command.expectedVersion().getAsLong() != current.version()) {
        throw VersionedUpdate.stale(current);
      }
      Optional<Change<DataRecord>> change;
      try {
        change = current.apply(command.patch(), caller.actor(), tick.time(), tick.lastSequence());
      } catch (InvalidValueException e) {
        throw new InvalidArgumentException("record.fields", Objects.requireNonNullElse(e.getMessage(), "is invalid"));
      }
      if (change.isEmpty()) {
        return current;
      }
      DataRecord updated = change.get().value();
      if (records.update(List.of(updated)) != 1) {
        throw VersionedUpdate.stale(current);
      }
      history.record(caller, tick.time(), List.of((ChangeEvent.RecordUpdated) change.get().event()));
      return updated;
    });
  }
}
