package dev.latchkey.application.port.in;

import dev.latchkey.domain.record.DataRecord;

/**
 * Creates a record of a business data model in the caller's tenant, attributed to the caller.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.AlreadyExistsException} if another record of the model
 * has the same external id.
 */
public interface CreateRecordUseCase extends UseCase<CreateRecordCommand, DataRecord> {}
