package dev.latchkey.application.port.in;

import dev.latchkey.domain.record.DataRecord;

/**
 * Applies changes to a record, attributed to the caller; returns it unchanged when nothing changes.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if absent, {@link
 * dev.latchkey.domain.error.ConflictException} for a stale version, {@link
 * dev.latchkey.domain.error.AlreadyExistsException} for an external id another record has, {@link
 * dev.latchkey.domain.error.InvalidArgumentException} if the new fields break a limit.
 */
public interface UpdateRecordUseCase extends UseCase<UpdateRecordCommand, DataRecord> {}
