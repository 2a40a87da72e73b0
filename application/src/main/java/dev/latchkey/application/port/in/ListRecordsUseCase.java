package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.record.DataRecord;

/**
 * Lists records of a model in the caller's tenant, in the order of their last change.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.InvalidArgumentException} for a page token of another
 * listing or filter.
 */
public interface ListRecordsUseCase extends UseCase<ListRecordsQuery, Page<DataRecord>> {}
