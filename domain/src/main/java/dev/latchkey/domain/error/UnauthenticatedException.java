package dev.latchkey.domain.error;

/**
 * No usable credential. There is deliberately one message for every reason (missing, malformed,
 * unknown, deleted, disabled), so that a caller cannot tell which check failed.
 */
public non-sealed class UnauthenticatedException extends DomainException {
  public static final String MESSAGE = "missing or invalid credentials";

  public UnauthenticatedException() {
    super(MESSAGE);
  }
}
