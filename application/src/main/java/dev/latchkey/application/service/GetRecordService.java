package dev.latchkey.application.service;

import dev.latchkey.application.port.in.GetRecordQuery;
import dev.latchkey.application.port.in.GetRecordUseCase;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.DataRecord;
import jakarta.inject.Inject;

/** Reads one record of the caller's tenant. */
public final class GetRecordService extends InTenantService<GetRecordQuery, DataRecord> implements GetRecordUseCase {
  private final RecordRepository records;

  @Inject
  public GetRecordService(RecordRepository records) {
    this.records = records;
  }

  @Override
  protected DataRecord handle(Principal.TenantPrincipal caller, GetRecordQuery query) {
    return records.find(caller.tenantId(), query.dataModel(), query.id())
        .orElseThrow(() -> RecordHistory.notFound(query.dataModel(), query.id()));
  }
}
