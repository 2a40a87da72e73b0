package dev.latchkey.domain.record;

import dev.latchkey.domain.change.Change;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.change.Versioned;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.DataModelKind;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One record of a business data model ({@code companies}, {@code tickets}, ...).
 *
 * @param creator the principal that created it: a private app or a user (the operator acting for a
 *     person is that person), never the operator
 * @param updater the principal that changed it last, the same way
 * @param sequence where its last change stands in the order of changes to its model in its tenant:
 *     strictly increasing in commit order, with {@code updateTime} never decreasing along it
 */
public record DataRecord(
    TenantId tenantId,
    DataModel dataModel,
    RecordId id,
    Optional<ExternalId> externalId,
    RecordFields fields,
    Instant createTime,
    Instant updateTime,
    Actor creator,
    Actor updater,
    long version,
    long sequence) implements Versioned {

  public DataRecord {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(dataModel, "dataModel");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(createTime, "createTime");
    Objects.requireNonNull(updateTime, "updateTime");
    requireHoldsRecords(dataModel);
    requireNotOperator(creator);
    requireNotOperator(updater);
  }

  /** A new record, version 1, created by {@code by} at {@code at}. */
  public static Change<DataRecord> create(
      TenantId tenantId, DataModel dataModel, RecordId id, Optional<ExternalId> externalId, RecordFields fields,
      Actor by, Instant at, long sequence) {
    DataRecord record = new DataRecord(tenantId, dataModel, id, externalId, fields, at, at, by, by, 1, sequence);
    return new Change<>(record, new ChangeEvent.RecordCreated(record));
  }

  /** {@code dataModels/{data_model}/records/{record}}. */
  @Override
  public String resourceName() {
    return name(dataModel, id);
  }

  public static String name(DataModel dataModel, RecordId id) {
    return "dataModels/" + dataModel.apiName() + "/records/" + id;
  }

  /**
   * Changes to a record: an external id to set or clear, all fields to replace, and single top-level
   * keys to set or (empty) remove, applied after the replacement.
   */
  public record Patch(
      Optional<Optional<ExternalId>> externalId, Optional<RecordFields> fields,
      Map<String, Optional<FieldValue>> keys) {
    public Patch {
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(fields, "fields");
      keys = Map.copyOf(keys);
    }
  }

  /**
   * Applies {@code patch} for {@code by}: the new value, one version step later, and the event
   * naming the top-level keys whose value changed; empty when nothing changes.
   *
   * @throws dev.latchkey.domain.common.InvalidValueException if the new fields break a limit
   */
  public Optional<Change<DataRecord>> apply(Patch patch, Actor by, Instant at, long nextSequence) {
    RecordFields newFields = patch.fields().orElse(fields);
    if (!patch.keys().isEmpty()) {
      newFields = newFields.with(patch.keys());
    }
    Optional<ExternalId> newExternalId = patch.externalId().orElse(externalId);
    return changeTo(newExternalId, newFields, by, at, nextSequence);
  }

  /** Replaces every field (an upsert of the same external id); empty when nothing changes. */
  public Optional<Change<DataRecord>> replaceFields(RecordFields newFields, Actor by, Instant at, long nextSequence) {
    return changeTo(externalId, newFields, by, at, nextSequence);
  }

  private Optional<Change<DataRecord>> changeTo(
      Optional<ExternalId> newExternalId, RecordFields newFields, Actor by, Instant at, long nextSequence) {
    Set<String> changedKeys = fields.changedKeys(newFields);
    boolean externalIdChanged = !newExternalId.equals(externalId);
    if (changedKeys.isEmpty() && !externalIdChanged) {
      return Optional.empty();
    }
    DataRecord updated = new DataRecord(tenantId, dataModel, id, newExternalId, newFields, createTime,
        at.isAfter(updateTime) ? at : updateTime, creator, by, version + 1, nextSequence);
    return Optional.of(new Change<>(updated, new ChangeEvent.RecordUpdated(updated, changedKeys, externalIdChanged)));
  }

  /** Deleting the record: the event carries its last state. */
  public ChangeEvent.RecordDeleted delete() {
    return new ChangeEvent.RecordDeleted(this);
  }

  /**
   * Returns normally if {@code model} holds records.
   *
   * @throws IllegalArgumentException for an administrative model
   */
  public static void requireHoldsRecords(DataModel model) {
    if (model.kind() != DataModelKind.BUSINESS) {
      throw new IllegalArgumentException(model.apiName() + " holds no records");
    }
  }

  private static void requireNotOperator(Actor actor) {
    Objects.requireNonNull(actor, "actor");
    if (actor instanceof Actor.Operator) {
      throw new IllegalArgumentException("records are changed by apps and users, not by the operator");
    }
  }
}
