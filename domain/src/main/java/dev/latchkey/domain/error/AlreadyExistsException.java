package dev.latchkey.domain.error;

/** A resource with the same unique key exists already. */
public non-sealed class AlreadyExistsException extends DomainException {
  public AlreadyExistsException(String message) {
    super(message);
  }
}
