package dev.latchkey.application.port.in;

import dev.latchkey.domain.analytics.IngestOutcome;

/**
 * Records the activities of the ingest token's tenant, committed before it returns; an item outside
 * the ingest window is refused alone, with the others recorded.
 */
public interface TrackActivitiesUseCase extends UseCase<TrackActivitiesCommand, IngestOutcome> {}
