package dev.latchkey.application.port.in;

import dev.latchkey.domain.analytics.IngestTokenView;

/**
 * The current ingest token of the caller's tenant (never its secret) and until when the previous
 * one works.
 *
 * <p>Fails with {@link dev.latchkey.domain.error.NotFoundException} before the first rotation.
 */
public interface GetIngestTokenUseCase extends UseCase<GetIngestTokenQuery, IngestTokenView> {}
