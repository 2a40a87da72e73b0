package dev.latchkey.domain.error;

/** Authenticated, but not allowed to do this. */
public non-sealed class PermissionDeniedException extends DomainException {
  public PermissionDeniedException(String message) {
    super(message);
  }
}
