package dev.latchkey.application.port.in;


/**
 * Creates or replaces up to 1,000 records matched on their external ids, all or nothing. A record
 * whose fields are already the ones sent is left as it is (no new version, no revision), so
 * repeating a batch changes nothing.
 */
public interface BatchUpsertRecordsUseCase extends UseCase<BatchUpsertRecordsCommand, BatchUpsertResult> {}
