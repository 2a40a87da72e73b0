package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.RecordFilter;
import java.util.Objects;

/**
 * A page of a model's records matching {@code filter}, in the order of their last change (oldest
 * first): a record changed while a client pages through moves to the end, so the client sees its
 * new state once more and misses nothing.
 */
public record ListRecordsQuery(DataModel dataModel, PageQuery page, RecordFilter filter) implements RecordRequest {
  public ListRecordsQuery {
    Objects.requireNonNull(dataModel, "dataModel");
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(filter, "filter");
    DataRecord.requireHoldsRecords(dataModel);
  }

  @Override
  public Operation operation() {
    return Operation.LIST_RECORDS;
  }
}
