package dev.latchkey.adapter.grpc.error;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.DomainException;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.error.UnauthenticatedException;
import dev.latchkey.domain.error.UnavailableException;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.jspecify.annotations.Nullable;
import java.time.Duration;

/** The one place where errors become gRPC statuses. */
public final class GrpcErrors {
  static final String INTERNAL_MESSAGE = "internal error";
  static final String UNAVAILABLE_MESSAGE = "the service is temporarily unavailable";

  private GrpcErrors() {}

  /** The status (with details where the API promises them) that the client receives for {@code e}. */
  public static StatusRuntimeException toStatus(DomainException e) {
    return switch (e) {
      case InvalidArgumentException invalid -> badRequest(invalid);
      case NotFoundException n -> plain(Status.NOT_FOUND, n.getMessage());
      case AlreadyExistsException a -> plain(Status.ALREADY_EXISTS, a.getMessage());
      case FailedPreconditionException f -> plain(Status.FAILED_PRECONDITION, f.getMessage());
      case ConflictException c -> plain(Status.ABORTED, c.getMessage());
      case PermissionDeniedException p -> plain(Status.PERMISSION_DENIED, p.getMessage());
      case UnauthenticatedException u -> plain(Status.UNAUTHENTICATED, UnauthenticatedException.MESSAGE);
      case UnavailableException u -> plain(Status.UNAVAILABLE, UNAVAILABLE_MESSAGE);
    };
  }

  /** What an unexpected exception becomes: a fixed message, never its cause or stack. */
  public static StatusRuntimeException internal() {
    return plain(Status.INTERNAL, INTERNAL_MESSAGE);
  }

  /**
   * A call refused because its principal's budget is spent: {@code RESOURCE_EXHAUSTED} with when to
   * retry ({@code RetryInfo}) and which budget ({@code QuotaFailure}, subject the principal's name).
   */
  public static StatusRuntimeException rateLimited(RateLimitOutcome.Refused refused, String subject) {
    Duration retryAfter = refused.retryAfter();
    String description = refused.limit() + " requests per minute";
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
        .setMessage("rate limit of " + description + " exceeded; retry after the delay in RetryInfo")
        .addDetails(Any.pack(RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                .setSeconds(retryAfter.toSeconds()).setNanos(retryAfter.toNanosPart()))
            .build()))
        .addDetails(Any.pack(QuotaFailure.newBuilder()
            .addViolations(QuotaFailure.Violation.newBuilder().setSubject(subject).setDescription(description))
            .build()))
        .build();
    return StatusProto.toStatusRuntimeException(status);
  }

  private static StatusRuntimeException plain(Status status, @Nullable String message) {
    return status.withDescription(message).asRuntimeException(new Metadata());
  }

  private static StatusRuntimeException badRequest(InvalidArgumentException e) {
    BadRequest.Builder details = BadRequest.newBuilder();
    for (FieldViolation v : e.violations()) {
      details.addFieldViolations(
          BadRequest.FieldViolation.newBuilder().setField(v.field()).setDescription(v.description()));
    }
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(Code.INVALID_ARGUMENT_VALUE)
        .setMessage(e.getMessage())
        .addDetails(Any.pack(details.build()))
        .build();
    return StatusProto.toStatusRuntimeException(status);
  }
}
