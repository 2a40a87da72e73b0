package dev.latchkey.adapter.grpc.error;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
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
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.jspecify.annotations.Nullable;

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
