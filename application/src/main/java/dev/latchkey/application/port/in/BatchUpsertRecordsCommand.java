package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.RecordFields;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Records to create or replace, matched on their external ids: at most {@link #MAX_RECORDS}, each
 * external id once.
 */
public record BatchUpsertRecordsCommand(DataModel dataModel, List<Upsert> records) implements RecordRequest {
  public static final int MAX_RECORDS = 1000;

  /** One record's external id and all its fields. */
  public record Upsert(ExternalId externalId, RecordFields fields) {
    public Upsert {
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(fields, "fields");
    }
  }

  public BatchUpsertRecordsCommand {
    Objects.requireNonNull(dataModel, "dataModel");
    DataRecord.requireHoldsRecords(dataModel);
    records = List.copyOf(records);
    if (records.isEmpty() || records.size() > MAX_RECORDS) {
      throw new IllegalArgumentException("1 to " + MAX_RECORDS + " records");
    }
    Set<ExternalId> seen = new HashSet<>();
    for (Upsert u : records) {
      if (!seen.add(u.externalId())) {
        throw new IllegalArgumentException("external id " + u.externalId() + " twice");
      }
    }
  }

  @Override
  public Operation operation() {
    return Operation.BATCH_UPSERT_RECORDS;
  }
}
