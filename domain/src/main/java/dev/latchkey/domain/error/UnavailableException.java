package dev.latchkey.domain.error;

/** A dependency (the database) cannot answer. The call fails closed; the client may retry. */
public non-sealed class UnavailableException extends DomainException {
  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
