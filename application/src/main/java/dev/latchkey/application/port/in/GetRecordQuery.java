package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.RecordId;
import java.util.Objects;

/** One record. */
public record GetRecordQuery(DataModel dataModel, RecordId id) implements RecordRequest {
  public GetRecordQuery {
    Objects.requireNonNull(dataModel, "dataModel");
    Objects.requireNonNull(id, "id");
    DataRecord.requireHoldsRecords(dataModel);
  }

  @Override
  public Operation operation() {
    return Operation.GET_RECORD;
  }
}
