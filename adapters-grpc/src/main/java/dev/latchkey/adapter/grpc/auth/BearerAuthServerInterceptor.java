package dev.latchkey.adapter.grpc.auth;

import dev.latchkey.adapter.grpc.error.GrpcErrors;
import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.security.Operation;
import dev.latchkey.application.security.Requirement;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.error.UnauthenticatedException;
import dev.latchkey.domain.error.UnavailableException;
import dev.latchkey.domain.principal.Principal;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every call but the public ones and puts the {@link Principal} into the call's
 * {@link Context}. Any refusal is {@code UNAUTHENTICATED} with one fixed message, whatever failed.
 *
 * <p>With the {@code latchkey-act-as: tenants/{tenant}/users/{user}} header, the operator token acts
 * for that user: the call runs as the user, with the operator as the means. Any other token sending
 * the header is refused with {@code PERMISSION_DENIED}; a header that is not one user name, or names
 * a user who cannot act now, is refused like a bad token.
 */
public final class BearerAuthServerInterceptor implements ServerInterceptor {
  static final String ONLY_THE_OPERATOR = "only the operator token may act for a user";
  static final String ONLY_INGESTION = "an ingest token opens IngestService and nothing else";
  static final String NEEDS_INGESTION = "this call needs the tenant's ingest token";

  private static final Logger log = LoggerFactory.getLogger(BearerAuthServerInterceptor.class);

  /** Lines a second about refused tokens; a flood beyond is counted, not written. */
  static final int REFUSALS_LOGGED_PER_SECOND = 10;

  private final AuthenticateTokenUseCase authenticate;
  private final RefusalLog refusals;

  @Inject
  public BearerAuthServerInterceptor(AuthenticateTokenUseCase authenticate) {
    this(authenticate, new RefusalLog(REFUSALS_LOGGED_PER_SECOND, System::nanoTime, log::info));
  }

  BearerAuthServerInterceptor(AuthenticateTokenUseCase authenticate, RefusalLog refusals) {
    this.authenticate = authenticate;
    this.refusals = refusals;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (RpcPermissions.isPublic(call.getMethodDescriptor())) {
      return next.startCall(call, headers);
    }
    Optional<String> presented = Credentials.presentedToken(headers);
    if (presented.isEmpty()) {
      return unauthenticated(call, "no credentials");
    }
    // Read before the token check, so that a garbled header costs no query either.
    ActAs.Request actAs = ActAs.read(headers);
    if (actAs instanceof ActAs.Invalid) {
      return unauthenticated(call, "unreadable act-as header");
    }

    TokenCheck check;
    switch (check(call, "token check", () -> authenticate.authenticate(presented.get()))) {
      case Checked.Failed(Status status) -> {
        return refuse(call, status);
      }
      case Checked.Passed(TokenCheck passed) -> check = passed;
    }
    if (!(check instanceof TokenCheck.Valid(Principal principal))) {
      return unauthenticated(call, reason(check));
    }

    Principal caller = principal;
    if (actAs instanceof ActAs.For(var tenant, var user)) {
      if (!(principal instanceof Principal.OperatorPrincipal)) {
        log.debug("refused {}: act-as header with a token other than the operator's",
            call.getMethodDescriptor().getFullMethodName());
        // Refused after authentication: the gate refuses it once the request log has seen it.
        return admitThenRefuse(call, headers, next, principal,
            Status.PERMISSION_DENIED.withDescription(ONLY_THE_OPERATOR));
      }
      TokenCheck acted;
      switch (check(call, "act-as check", () -> authenticate.actAs(principal, tenant, user))) {
        case Checked.Failed(Status status) -> {
          return refuse(call, status);
        }
        case Checked.Passed(TokenCheck passed) -> acted = passed;
      }
      if (!(acted instanceof TokenCheck.Valid(Principal actedFor))) {
        return unauthenticated(call, "act-as: " + reason(acted));
      }
      caller = actedFor;
    }

    Optional<Operation> operation = RpcPermissions.operationOf(call.getMethodDescriptor().getFullMethodName());
    if (operation.isEmpty()) {
      // Deny by default: an RPC missing from the permission table never runs. Checked after
      // authentication so that an anonymous caller learns nothing about which methods exist.
      return admitThenRefuse(call, headers, next, caller,
          Status.PERMISSION_DENIED.withDescription("this method is not available"));
    }
    if (caller instanceof Principal.IngestPrincipal ingest
        && !(operation.get().requirement() instanceof Requirement.IngestToken)) {
      // A leaked ingest token must not reach anything else; someone trying is worth a log line.
      refusals.refused(call.getMethodDescriptor().getFullMethodName(),
          call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
          "ingest token of tenants/" + ingest.tenantId() + " used outside IngestService");
      return admitThenRefuse(call, headers, next, caller, Status.PERMISSION_DENIED.withDescription(ONLY_INGESTION));
    }
    if (operation.get().requirement() instanceof Requirement.IngestToken
        && !(caller instanceof Principal.IngestPrincipal)) {
      // Refused before the payload of up to 5,000 items is even read.
      return admitThenRefuse(call, headers, next, caller, Status.PERMISSION_DENIED.withDescription(NEEDS_INGESTION));
    }
    return Contexts.interceptCall(Context.current().withValue(CallPrincipal.AUTHENTICATED, caller), call, headers,
        next);
  }

  /**
   * Passes the call on with who authenticated and the refusal it gets, so that the request log
   * records it before {@link AuthorizationGateServerInterceptor} closes it.
   */
  private static <Q, R> ServerCall.Listener<Q> admitThenRefuse(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next, Principal principal, Status refusal) {
    return Contexts.interceptCall(Context.current()
        .withValue(CallPrincipal.AUTHENTICATED, principal)
        .withValue(CallPrincipal.REFUSAL, refusal), call, headers, next);
  }

  /** The outcome of asking the use case: its answer, or the status the call ends with. */
  private sealed interface Checked {
    record Passed(TokenCheck check) implements Checked {}

    record Failed(Status status) implements Checked {}
  }

  private static Checked check(ServerCall<?, ?> call, String what, Supplier<TokenCheck> ask) {
    try {
      return new Checked.Passed(ask.get());
    } catch (UnavailableException e) {
      if (deadlinePassed()) {
        // The caller ran out of time, the database did not fail: clients retry and alert on UNAVAILABLE.
        log.debug("{} ran past the call's deadline: {}", what, e.getMessage());
        return new Checked.Failed(Status.DEADLINE_EXCEEDED.withDescription("the call's deadline passed"));
      }
      log.warn("{} failed closed: {}", what, e.getMessage());
      return new Checked.Failed(Status.UNAVAILABLE.withDescription("the service is temporarily unavailable"));
    } catch (PermissionDeniedException e) {
      return new Checked.Failed(GrpcErrors.toStatus(e).getStatus());
    } catch (RuntimeException e) {
      // Thrown here, before any listener exists, it would bypass the error-mapping interceptor.
      log.error("{} failed unexpectedly for {}", what, call.getMethodDescriptor().getFullMethodName(), e);
      return new Checked.Failed(GrpcErrors.internal().getStatus());
    }
  }

  private static boolean deadlinePassed() {
    Deadline deadline = Context.current().getDeadline();
    return deadline != null && deadline.isExpired();
  }

  private static String reason(TokenCheck check) {
    return switch (check) {
      case TokenCheck.Valid v -> "valid";
      case TokenCheck.Malformed m -> "malformed token";
      case TokenCheck.Unknown u -> "unknown token";
      case TokenCheck.OwnerInactive o -> "token owner inactive";
    };
  }

  private <Q, R> ServerCall.Listener<Q> unauthenticated(ServerCall<Q, R> call, String reason) {
    // The reason is for our log only; the caller always gets the same message.
    refusals.refused(call.getMethodDescriptor().getFullMethodName(),
        call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), reason);
    return refuse(call, Status.UNAUTHENTICATED.withDescription(UnauthenticatedException.MESSAGE));
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
