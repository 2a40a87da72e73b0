package dev.latchkey.domain.error;

/**
 * The small, closed family of error categories. Each category maps to exactly one gRPC status in
 * the gRPC adapter; the message is written for clients, internal causes belong in the log.
 */
public sealed abstract class DomainException extends RuntimeException
    permits InvalidArgumentException,
        NotFoundException,
        AlreadyExistsException,
        FailedPreconditionException,
        ConflictException,
        PermissionDeniedException,
        UnauthenticatedException,
        UnavailableException {

  protected DomainException(String message) {
    super(message, null, false, false);
  }

  protected DomainException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
