package dev.latchkey.domain.error;

/** The system is not in the state the operation needs (e.g. deleting a role still in use). */
public non-sealed class FailedPreconditionException extends DomainException {
  public FailedPreconditionException(String message) {
    super(message);
  }
}
