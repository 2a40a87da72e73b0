package dev.latchkey.application.service;

import dev.latchkey.application.port.in.DeleteRecordCommand;
import dev.latchkey.application.port.in.DeleteRecordUseCase;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.DataRecord;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;

/** Deletes a record: gone for every read, its history kept with a last revision saying who deleted it. */
public final class DeleteRecordService extends InTenantService<DeleteRecordCommand, DataRecord>
    implements DeleteRecordUseCase {
  private final Transactions transactions;
  private final RecordRepository records;
  private final RecordHistory history;
  private final InstantSource clock;

  @Inject
  public DeleteRecordService(
      Transactions transactions, RecordRepository records, RecordHistory history, InstantSource clock) {
    this.transactions = transactions;
    this.records = records;
    this.history = history;
    this.clock = clock;
  }

  @Override
  protected DataRecord handle(Principal.TenantPrincipal caller, DeleteRecordCommand command) {
    return transactions.inTransaction(() -> {
      var tick = records.tick(caller.tenantId(), command.dataModel(), 1, clock.instant());
      DataRecord current = records.find(caller.tenantId(), command.dataModel(), command.id())
          .orElseThrow(() -> RecordHistory.notFound(command.dataModel(), command.id()));
      if (command.expectedVersion().isPresent() && command.expectedVersion().getAsLong() != current.version()) {
        throw VersionedUpdate.stale(current);
      }
      if (!records.delete(current)) {
        throw VersionedUpdate.stale(current);
      }
      history.record(caller, tick.time(), List.of(current.delete()));
      return current;
    });
  }
}
