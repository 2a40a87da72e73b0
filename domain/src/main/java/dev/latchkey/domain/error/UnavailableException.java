package dev.latchkey.domain.error;

import org.jspecify.annotations.Nullable;

/** A dependency (the database) cannot answer. The call fails closed; the client may retry. */
public non-sealed class UnavailableException extends DomainException {
  public UnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
