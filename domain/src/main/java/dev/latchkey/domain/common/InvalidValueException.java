package dev.latchkey.domain.common;

/**
 * A value object refused its input. Not a {@code DomainException}: it does not know which request
 * field it came from; the adapter that builds values from a request turns it into a field
 * violation.
 */
public final class InvalidValueException extends IllegalArgumentException {
  public InvalidValueException(String message) {
    super(message);
  }
}
