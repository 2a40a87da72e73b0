package dev.latchkey.application.port.in;

import dev.latchkey.domain.analytics.IngestOutcome;

/**
 * Records the metric values of the ingest token's tenant (added to the hourly totals), committed
 * before it returns; an item outside the ingest window is refused alone, with the others recorded.
 */
public interface PushMetricsUseCase extends UseCase<PushMetricsCommand, IngestOutcome> {}
