package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.RecordId;
import java.util.Objects;
import java.util.OptionalLong;

/** Deleting a record; the version, when present, must be current. */
public record DeleteRecordCommand(DataModel dataModel, RecordId id, OptionalLong expectedVersion)
    implements RecordRequest {
  public DeleteRecordCommand {
    Objects.requireNonNull(dataModel, "dataModel");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    DataRecord.requireHoldsRecords(dataModel);
  }

  @Override
  public Operation operation() {
    return Operation.DELETE_RECORD;
  }
}
