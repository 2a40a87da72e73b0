package dev.latchkey.application.port.in;

/**
 * Issues a new ingest token for the caller's tenant and returns its secret, the only time it is
 * shown; the previous token keeps working for the overlap, the one before it stops at once. The
 * rotation is in the audit trail.
 */
public interface RotateIngestTokenUseCase extends UseCase<RotateIngestTokenCommand, IssuedIngestToken> {}
