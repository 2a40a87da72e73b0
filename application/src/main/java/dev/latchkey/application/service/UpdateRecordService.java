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
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies changes to a record, guarded by its version. The same optimistic routine as {@link
 * VersionedUpdate}, except that the change time and position come from the model's tick, taken by
 * {@link RecordRepository#write} after the record was read (the read is repeated behind the tick
 * when another writer came in between and the caller gave no etag).
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
    try {
      return transactions.inTransaction(() -> update(caller, command, false));
    } catch (Raced e) {
      // Without an etag, a change that another writer overtook between the read and the tick is no
      // conflict: again, reading behind the tick this time.
      return transactions.inTransaction(() -> update(caller, command, true));
    }
  }

  /**
   * The update in the current transaction. The read comes before the tick unless {@code
   * readBehindTick}, so that the model's other writers wait for the one write statement and the
   * commit only; if another writer changed the record in between and the caller gave no etag, it
   * throws {@link Raced}, rolling back.
   */
  private DataRecord update(
      Principal.TenantPrincipal caller, UpdateRecordCommand command, boolean readBehindTick) {
    Instant now = clock.instant();
    if (readBehindTick) {
      records.tick(caller.tenantId(), command.dataModel(), 0, now);
    }
    DataRecord current = records.find(caller.tenantId(), command.dataModel(), command.id())
        .orElseThrow(() -> RecordHistory.notFound(command.dataModel(), command.id()));
    if (command.expectedVersion().isPresent() && command.expectedVersion().getAsLong() != current.version()) {
      throw VersionedUpdate.stale(current);
    }
    Optional<Change<DataRecord>> change;
    try {
      // A stand-in time and position 1: write() stamps both from the model's tick.
      change = current.apply(command.patch(), caller.actor(), now, 1);
    } catch (InvalidValueException e) {
      throw new InvalidArgumentException("record.fields", Objects.requireNonNullElse(e.getMessage(), "is invalid"));
    }
    if (change.isEmpty()) {
      return current;
    }
    List<ChangeEvent.RecordUpdated> events = List.of((ChangeEvent.RecordUpdated) change.get().event());
    var written = records.write(caller.tenantId(), command.dataModel(), 1, now, List.of(), List.of(change.get().value()),
        history.revisions(caller, now, events));
    if (written.updated() != 1) {
      if (command.expectedVersion().isPresent() || readBehindTick) {
        throw VersionedUpdate.stale(current);
      }
      throw new Raced();
    }
    history.written(caller, written.tick(), 1, events);
    return RecordRepository.stamp(change.get().value(), written.tick(), 1);
  }

  /** The record changed between the read and the tick, and the caller named no version. */
  private static final class Raced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Raced() {
      super("the record changed between the read and the tick", null, false, false);
    }
  }
}
