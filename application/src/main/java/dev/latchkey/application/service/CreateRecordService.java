package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateRecordCommand;
import dev.latchkey.application.port.in.CreateRecordUseCase;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.application.port.out.Transactions;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.RecordId;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.util.List;

/** Creates a record, attributed to the caller. */
public final class CreateRecordService extends InTenantService<CreateRecordCommand, DataRecord>
    implements CreateRecordUseCase {
  private final Transactions transactions;
  private final RecordRepository records;
  private final RecordHistory history;
  private final IdGenerator ids;
  private final InstantSource clock;

  @Inject
  public CreateRecordService(
      Transactions transactions, RecordRepository records, RecordHistory history, IdGenerator ids,
      InstantSource clock) {
    this.transactions = transactions;
    this.records = records;
    this.history = history;
    this.ids = ids;
    this.clock = clock;
  }

  @Override
  protected DataRecord handle(Principal.TenantPrincipal caller, CreateRecordCommand command) {
    return transactions.inTransaction(() -> {
      var tick = records.tick(caller.tenantId(), command.dataModel(), 1, clock.instant());
      var change = DataRecord.create(caller.tenantId(), command.dataModel(), new RecordId(ids.newId()),
          command.externalId(), command.fields(), caller.actor(), tick.time(), tick.lastSequence());
      records.insert(List.of(change.value()));
      history.record(caller, tick.time(), List.of((ChangeEvent.RecordCreated) change.event()));
      return change.value();
    });
  }
}
