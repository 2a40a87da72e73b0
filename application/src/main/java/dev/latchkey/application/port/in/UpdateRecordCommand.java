package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.RecordId;
import java.util.Objects;
import java.util.OptionalLong;

/** Changes to a record; the version, when present, must be current. */
public record UpdateRecordCommand(DataModel dataModel, RecordId id, DataRecord.Patch patch, OptionalLong expectedVersion)
    implements RecordRequest {
  public UpdateRecordCommand {
    Objects.requireNonNull(dataModel, "dataModel");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patch, "patch");
    Objects.requireNonNull(expectedVersion, "expectedVersion");
    DataRecord.requireHoldsRecords(dataModel);
  }

  @Override
  public Operation operation() {
    return Operation.UPDATE_RECORD;
  }
}
