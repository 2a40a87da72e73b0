package dev.latchkey.application.service;

import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.RecordId;
import dev.latchkey.domain.record.RecordRevision;
import dev.latchkey.domain.principal.Principal;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what record changes imply, in their transaction: one revision each (who, when, through
 * which token, which fields, the state left) and the change events, through {@link ChangeRecorder}.
 */
public final class RecordHistory {
  private final RecordRepository records;
  private final ChangeRecorder changes;

  @Inject
  public RecordHistory(RecordRepository records, ChangeRecorder changes) {
    this.records = records;
    this.changes = changes;
  }

  /** Records {@code events}, made together by {@code caller} at {@code at}. */
  public void record(Principal.TenantPrincipal caller, Instant at, List<? extends ChangeEvent.RecordChange> events) {
    if (events.isEmpty()) {
      return;
    }
    List<RecordRevision> revisions = new ArrayList<>(events.size());
    for (ChangeEvent.RecordChange event : events) {
      revisions.add(revision(caller, at, event));
    }
    records.appendRevisions(revisions);
    changes.recordAll(caller, caller.tenantId(), at, events);
  }

  /**
   * The revisions of {@code events}, made together by {@code caller} at {@code at}, for {@link
   * RecordRepository#write} (which stamps their time).
   */
  public List<RecordRevision> revisions(
      Principal.TenantPrincipal caller, Instant at, List<? extends ChangeEvent.RecordChange> events) {
    List<RecordRevision> revisions = new ArrayList<>(events.size());
    for (ChangeEvent.RecordChange event : events) {
      revisions.add(revision(caller, at, event));
    }
    return revisions;
  }

  /**
   * Records the change events of what {@link RecordRepository#write} stored: {@code events} as given
   * to it, their records as it stamped them from {@code tick} (positions among {@code count}).
   */
  public void written(Principal.TenantPrincipal caller, RecordRepository.Tick tick, int count,
      List<? extends ChangeEvent.RecordChange> events) {
    if (events.isEmpty()) {
      return;
    }
    List<ChangeEvent.RecordChange> stamped = new ArrayList<>(events.size());
    for (ChangeEvent.RecordChange event : events) {
      stamped.add(stamped(event, RecordRepository.stamp(event.record(), tick, count)));
    }
    changes.recordAll(caller, caller.tenantId(), tick.time(), stamped);
  }

  /** {@code event} about {@code record}, the same record as stored. */
  private static ChangeEvent.RecordChange stamped(ChangeEvent.RecordChange event, DataRecord record) {
    return switch (event) {
      case ChangeEvent.RecordCreated e -> new ChangeEvent.RecordCreated(record);
      case ChangeEvent.RecordUpdated e -> new ChangeEvent.RecordUpdated(record, e.changedKeys(), e.externalIdChanged());
      case ChangeEvent.RecordDeleted e -> new ChangeEvent.RecordDeleted(record);
    };
  }

  private static RecordRevision revision(Principal.TenantPrincipal caller, Instant at, ChangeEvent.RecordChange event) {
    DataRecord r = event.record();
    List<String> changed = new ArrayList<>();
    RecordRevision.Kind kind;
    long version = r.version();
    switch (event) {
      case ChangeEvent.RecordCreated e -> {
        kind = RecordRevision.Kind.CREATED;
        r.externalId().ifPresent(x -> changed.add("external_id"));
        r.fields().values().keySet().stream().sorted().forEach(k -> changed.add("fields." + k));
      }
      case ChangeEvent.RecordUpdated e -> {
        kind = RecordRevision.Kind.UPDATED;
        if (e.externalIdChanged()) {
          changed.add("external_id");
        }
        e.changedKeys().forEach(k -> changed.add("fields." + k));
      }
      case ChangeEvent.RecordDeleted e -> {
        kind = RecordRevision.Kind.DELETED;
        version = r.version() + 1;
      }
    }
    return new RecordRevision(r.tenantId(), r.dataModel(), r.id(), version, kind, at, caller.actor(),
        caller.tokenId(), caller.means(), changed, r.externalId(), r.fields());
  }

  static NotFoundException notFound(DataModel model, RecordId id) {
    return new NotFoundException(DataRecord.name(model, id) + " not found");
  }
}
