package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.record.RecordRevision;

/**
 * Lists a record's history, oldest first, deleted records included.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if the record never existed in the
 * caller's tenant.
 */
public interface ListRecordRevisionsUseCase extends UseCase<ListRecordRevisionsQuery, Page<RecordRevision>> {}
