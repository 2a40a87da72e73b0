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
import java.time.Instant;
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
      // Built first, with a stand-in time and position 1; write() stamps both from the model's tick.
      Instant now = clock.instant();
      var change = DataRecord.create(caller.tenantId(), command.dataModel(), new RecordId(ids.newId()),
          command.externalId(), command.fields(), caller.actor(), now, 1);
      List<ChangeEvent.RecordCreated> events = List.of((ChangeEvent.RecordCreated) change.event());
      var written = records.write(caller.tenantId(), command.dataModel(), 1, now, List.of(change.value()), List.of(),
          history.revisions(caller, now, events));
      history.written(caller, written.tick(), 1, events);
      return RecordRepository.stamp(change.value(), written.tick(), 1);
    });
  }
}
