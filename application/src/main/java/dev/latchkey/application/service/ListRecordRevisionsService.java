package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.in.ListRecordRevisionsQuery;
import dev.latchkey.application.port.in.ListRecordRevisionsUseCase;
import dev.latchkey.application.port.out.RecordRepository;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.record.DataRecord;
import dev.latchkey.domain.record.RecordRevision;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/** Lists a record's history, oldest first, deleted records included. */
public final class ListRecordRevisionsService extends InTenantService<ListRecordRevisionsQuery, Page<RecordRevision>>
    implements ListRecordRevisionsUseCase {
  /** The repositories' cursor: the last version listed. */
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

  private final RecordRepository records;

  @Inject
  public ListRecordRevisionsService(RecordRepository records) {
    this.records = records;
  }

  @Override
  protected Page<RecordRevision> handle(Principal.TenantPrincipal caller, ListRecordRevisionsQuery query) {
    String scope = "revisions:" + DataRecord.name(query.dataModel(), query.id());
    PageRequest request = Paging.cursorRequest(scope, query.page(), VERSION);
    Page<RecordRevision> page = records.revisions(caller.tenantId(), query.dataModel(), query.id(), request);
    // Every record that ever existed has its creation revision: an empty first page means no such record.
    if (request.cursor().isEmpty() && page.items().isEmpty()) {
      throw RecordHistory.notFound(query.dataModel(), query.id());
    }
    return Paging.withPageToken(scope, page);
  }
}
