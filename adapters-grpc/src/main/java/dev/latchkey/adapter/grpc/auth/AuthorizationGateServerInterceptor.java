package dev.latchkey.adapter.grpc.auth;

import dev.latchkey.domain.error.UnauthenticatedException;
import dev.latchkey.domain.principal.Principal;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Inject;

/**
 * Carries out the bearer interceptor's decision after the request log has seen the call: refuses it
 * (an act-as header with a token other than the operator's, an RPC missing from the permission
 * table) or admits the authenticated principal for the services.
 */
public final class AuthorizationGateServerInterceptor implements ServerInterceptor {
  @Inject
  public AuthorizationGateServerInterceptor() {}

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (RpcPermissions.isPublic(call.getMethodDescriptor())) {
      return next.startCall(call, headers);
    }
    Status refusal = CallPrincipal.REFUSAL.get();
    Principal principal = CallPrincipal.AUTHENTICATED.get();
    if (refusal == null && principal == null) {
      // The bearer interceptor did not run before this one: refuse rather than admit anyone.
      refusal = Status.UNAUTHENTICATED.withDescription(UnauthenticatedException.MESSAGE);
    }
    if (refusal != null) {
      call.close(refusal, new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(CallPrincipal.KEY, principal), call, headers, next);
  }
}
