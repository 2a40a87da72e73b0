package dev.latchkey.adapter.grpc.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The field violations of an {@code INVALID_ARGUMENT} refusal, as a client reads them. */
public final class BadFields {
  private BadFields() {}

  /** The fields named by the BadRequest of the INVALID_ARGUMENT that {@code call} fails with. */
  public static List<String> of(ThrowingCallable call) {
    return violations(call).stream().map(BadRequest.FieldViolation::getField).toList();
  }

  /** The violations (field and description) of the INVALID_ARGUMENT that {@code call} fails with. */
  public static List<BadRequest.FieldViolation> violations(ThrowingCallable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
    assertThat(e).as("the call should have failed").isNotNull();
    assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).isNotNull();
    try {
      return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList();
    } catch (InvalidProtocolBufferException ex) {
      throw new AssertionError(ex);
    }
  }
}
