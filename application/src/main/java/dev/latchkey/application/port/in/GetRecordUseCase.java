package dev.latchkey.application.port.in;

import dev.latchkey.domain.record.DataRecord;

/**
 * Reads one record of the caller's tenant.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if absent, deleted or of another tenant.
 */
public interface GetRecordUseCase extends UseCase<GetRecordQuery, DataRecord> {}
