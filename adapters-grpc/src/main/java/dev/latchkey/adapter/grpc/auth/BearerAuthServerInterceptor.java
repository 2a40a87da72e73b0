package dev.latchkey.adapter.grpc.auth;

import dev.latchkey.adapter.grpc.error.GrpcErrors;
import dev.latchkey.application.port.in.AuthenticateTokenUseCase;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.error.UnauthenticatedException;
import dev.latchkey.domain.error.UnavailableException;
import dev.latchkey.domain.principal.Principal;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Inject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every call but the public ones and puts the {@link Principal} into the call's
 * {@link Context}. Any refusal is {@code UNAUTHENTICATED} with one fixed message, whatever failed.
 */
public final class BearerAuthServerInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(BearerAuthServerInterceptor.class);

  private final AuthenticateTokenUseCase authenticate;

  @Inject
  public BearerAuthServerInterceptor(AuthenticateTokenUseCase authenticate) {
    this.authenticate = authenticate;
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
    TokenCheck check;
    try {
      check = authenticate.authenticate(presented.get());
    } catch (UnavailableException e) {
      log.warn("token check failed closed: {}", e.getMessage());
      return refuse(call, Status.UNAVAILABLE.withDescription("the service is temporarily unavailable"));
    } catch (RuntimeException e) {
      // Thrown here, before any listener exists, it would bypass the error-mapping interceptor.
      log.error("token check failed unexpectedly for {}", call.getMethodDescriptor().getFullMethodName(), e);
      return refuse(call, GrpcErrors.internal().getStatus());
    }
    return switch (check) {
      case TokenCheck.Valid(Principal principal) -> {
        if (RpcPermissions.operationOf(call.getMethodDescriptor().getFullMethodName()).isEmpty()) {
          // Deny by default: an RPC missing from the permission table never runs. Checked after
          // authentication so that an anonymous caller learns nothing about which methods exist.
          yield refuse(call, Status.PERMISSION_DENIED.withDescription("this method is not available"));
        }
        yield Contexts.interceptCall(Context.current().withValue(CallPrincipal.KEY, principal), call, headers, next);
      }
      case TokenCheck.Malformed m -> unauthenticated(call, "malformed token");
      case TokenCheck.Unknown u -> unauthenticated(call, "unknown token");
      case TokenCheck.OwnerInactive o -> unauthenticated(call, "token owner inactive");
    };
  }

  private static <Q, R> ServerCall.Listener<Q> unauthenticated(ServerCall<Q, R> call, String reason) {
    // The reason is for our debug log only; the caller always gets the same message.
    log.debug("refused {}: {}", call.getMethodDescriptor().getFullMethodName(), reason);
    return refuse(call, Status.UNAUTHENTICATED.withDescription(UnauthenticatedException.MESSAGE));
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
