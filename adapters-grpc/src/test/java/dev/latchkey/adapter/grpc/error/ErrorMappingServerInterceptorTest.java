package dev.latchkey.adapter.grpc.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.Refusal;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.error.UnauthenticatedException;
import dev.latchkey.domain.error.UnavailableException;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class ErrorMappingServerInterceptorTest {
  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final String token = TestValues.personalToken();

  ErrorMappingServerInterceptorTest() {
    useCases.accept(token, TestValues.operator());
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  static Stream<Arguments> domainErrors() {
    return Stream.of(
        Arguments.of(new NotFoundException("tenant not found"), Status.Code.NOT_FOUND, "tenant not found"),
        Arguments.of(new AlreadyExistsException("email taken"), Status.Code.ALREADY_EXISTS, "email taken"),
        Arguments.of(new FailedPreconditionException("role in use"), Status.Code.FAILED_PRECONDITION, "role in use"),
        Arguments.of(new ConflictException("etag is stale"), Status.Code.ABORTED, "etag is stale"),
        Arguments.of(new PermissionDeniedException("needs the operator token"), Status.Code.PERMISSION_DENIED,
            "needs the operator token"),
        Arguments.of(new UnauthenticatedException(), Status.Code.UNAUTHENTICATED, UnauthenticatedException.MESSAGE),
        Arguments.of(new UnavailableException("db down", new SQLException("no route to db-7")),
            Status.Code.UNAVAILABLE, "the service is temporarily unavailable"));
  }

  @ParameterizedTest
  @MethodSource("domainErrors")
  void eachErrorCategoryBecomesItsStatusWithItsClientMessage(
      RuntimeException error, Status.Code code, String description) {
    useCases.failure = error;

    Refusal refusal = callerIdentity();

    assertThat(refusal.code()).isEqualTo(code);
    assertThat(refusal.description()).isEqualTo(description);
  }

  @Test
  void invalidArgumentCarriesABadRequestWithEveryFieldViolation() throws InvalidProtocolBufferException {
    useCases.failure = new InvalidArgumentException(List.of(
        new FieldViolation("page_size", "must be between 0 and 1000"),
        new FieldViolation("page_token", "is not a page token of this listing")));

    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () ->
        AuthServiceGrpc.newBlockingStub(api.bearer(token))
            .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).isNotNull();
    assertThat(status.getDetailsList()).hasSize(1);
    BadRequest badRequest = status.getDetails(0).unpack(BadRequest.class);
    assertThat(badRequest.getFieldViolationsList())
        .extracting(BadRequest.FieldViolation::getField, BadRequest.FieldViolation::getDescription)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("page_size", "must be between 0 and 1000"),
            org.assertj.core.groups.Tuple.tuple("page_token", "is not a page token of this listing"));
  }

  @Test
  void unavailableNeverTellsTheClientWhatFailedInside() {
    useCases.failure = new UnavailableException("query failed", new SQLException("no route to db-7.internal"));

    assertThat(callerIdentity().everything()).doesNotContain("db-7").doesNotContain("query failed");
  }

  @Test
  void unexpectedExceptionIsInternalWithAFixedMessageAndNoTraceOfItsDetail() {
    useCases.failure = new RuntimeException("secret detail");

    Refusal refusal = callerIdentity();

    assertThat(refusal.code()).isEqualTo(Status.Code.INTERNAL);
    assertThat(refusal.description()).isEqualTo("internal error");
    assertThat(refusal.everything()).doesNotContain("secret detail").doesNotContain("RuntimeException");
  }

  @Test
  void unexpectedExceptionIsLoggedWithItsCause() {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(ErrorMappingServerInterceptor.class);
    log.start();
    logger.addAppender(log);
    try {
      useCases.failure = new RuntimeException("secret detail");

      callerIdentity();

      assertThat(log.list).singleElement().satisfies(event -> {
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage()).contains("latchkey.v1.AuthService/GetCallerIdentity");
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret detail");
      });
    } finally {
      logger.detachAppender(log);
    }
  }

  @Test
  void statusThrownByAHandlerReachesTheClientUnchanged() {
    useCases.failure = Status.RESOURCE_EXHAUSTED.withDescription("slow down").asRuntimeException();

    Refusal refusal = callerIdentity();

    assertThat(refusal.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refusal.description()).isEqualTo("slow down");
  }

  @Test
  void serviceKeepsAnsweringAfterAFailedCall() {
    useCases.failure = new RuntimeException("boom");
    callerIdentity();
    useCases.failure = null;

    assertThat(AuthServiceGrpc.newBlockingStub(api.bearer(token))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()).getPrincipal())
        .isEqualTo("operator");
  }

  private Refusal callerIdentity() {
    return Refusal.of(() -> AuthServiceGrpc.newBlockingStub(api.bearer(token))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));
  }
}
