package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.RecordId;
import java.util.Objects;

/** A page of a record's history, oldest first; a deleted record's history stays readable. */
public record ListRecordRevisionsQuery(DataModel dataModel, RecordId id, PageQuery page) implements RecordRequest {
  public ListRecordRevisionsQuery {
    Objects.requireNonNull(dataModel, "dataModel");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(page, "page");
    DataRecord.requireHoldsRecords(dataModel);
  }

  @Override
  public Operation operation() {
    return Operation.LIST_RECORD_REVISIONS;
  }
}
