package dev.latchkey.domain.error;

/** The resource does not exist, or belongs to another tenant (never told apart). */
public non-sealed class NotFoundException extends DomainException {
  public NotFoundException(String message) {
    super(message);
  }
}
