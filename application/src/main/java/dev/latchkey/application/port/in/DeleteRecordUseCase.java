package dev.latchkey.application.port.in;

import dev.latchkey.domain.record.DataRecord;

/**
 * Deletes a record: gone for every read, kept in its history. Returns its last state.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} if absent, {@link
 * dev.latchkey.domain.error.ConflictException} for a stale version.
 */
public interface DeleteRecordUseCase extends UseCase<DeleteRecordCommand, DataRecord> {}
