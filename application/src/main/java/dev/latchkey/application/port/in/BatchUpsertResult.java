package dev.latchkey.application.port.in;

import dev.latchkey.domain.record.DataRecord;
import java.util.List;

/** Every upserted record in the order sent, and how many were new, changed or already so. */
public record BatchUpsertResult(List<DataRecord> records, int created, int updated, int unchanged) {
  public BatchUpsertResult {
    records = List.copyOf(records);
  }
}
