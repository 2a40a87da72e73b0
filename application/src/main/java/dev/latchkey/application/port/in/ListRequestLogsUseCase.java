package dev.latchkey.application.port.in;

import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.requestlog.RequestLogEntry;

/**
 * One principal's request log newest first; the next cursor is already an opaque page token.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} for a principal not of the caller's tenant.
 */
public interface ListRequestLogsUseCase extends UseCase<ListRequestLogsQuery, Page<RequestLogEntry>> {}
