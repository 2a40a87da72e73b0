package dev.latchkey.domain.error;

/** Optimistic concurrency failed: the caller's etag is stale. Maps to ABORTED. */
public non-sealed class ConflictException extends DomainException {
  public ConflictException(String message) {
    super(message);
  }
}
