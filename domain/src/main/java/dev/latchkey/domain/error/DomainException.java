package dev.latchkey.domain.error;

import org.jspecify.annotations.Nullable;

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

  protected DomainException(String message, @Nullable Throwable cause) {
    super(message, cause, false, false);
  }
}
