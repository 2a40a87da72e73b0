package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.ExternalId;
import dev.latchkey.domain.record.RecordFields;
import java.util.Objects;
import java.util.Optional;

/** A new record of a business data model. */
public record CreateRecordCommand(DataModel dataModel, Optional<ExternalId> externalId, RecordFields fields)
    implements RecordRequest {
  public CreateRecordCommand {
    Objects.requireNonNull(dataModel, "dataModel");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(fields, "fields");
    DataRecord.requireHoldsRecords(dataModel);
  }

  @Override
  public Operation operation() {
    return Operation.CREATE_RECORD;
  }
}
