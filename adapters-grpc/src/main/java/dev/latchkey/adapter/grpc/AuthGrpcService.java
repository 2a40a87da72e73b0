package dev.latchkey.adapter.grpc;

import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.adapter.grpc.mapping.ProtoRequests;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.application.port.in.AccessDecision;
import dev.latchkey.application.port.in.CheckAccessQuery;
import dev.latchkey.application.port.in.CheckAccessUseCase;
import dev.latchkey.application.port.in.GetCallerIdentityQuery;
import dev.latchkey.application.port.in.GetCallerIdentityUseCase;
import dev.latchkey.application.port.in.IntrospectTokenQuery;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CallerIdentity;
import dev.latchkey.proto.v1.CheckAccessRequest;
import dev.latchkey.proto.v1.CheckAccessResponse;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.IntrospectTokenRequest;
import dev.latchkey.proto.v1.IntrospectTokenResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.Objects;

/** {@code latchkey.v1.AuthService}: questions about tokens and who is behind them. */
public final class AuthGrpcService extends AuthServiceGrpc.AuthServiceImplBase {
  private final GetCallerIdentityUseCase getCallerIdentity;
  private final IntrospectTokenUseCase introspect;
  private final CheckAccessUseCase checkAccess;

  @Inject
  public AuthGrpcService(
      GetCallerIdentityUseCase getCallerIdentity, IntrospectTokenUseCase introspect, CheckAccessUseCase checkAccess) {
    this.getCallerIdentity = getCallerIdentity;
    this.introspect = introspect;
    this.checkAccess = checkAccess;
  }

  @Override
  public void getCallerIdentity(GetCallerIdentityRequest request, StreamObserver<CallerIdentity> response) {
    response.onNext(ProtoMapper.callerIdentity(
        getCallerIdentity.execute(CallPrincipal.current(), new GetCallerIdentityQuery())));
    response.onCompleted();
  }

  @Override
  public void introspectToken(IntrospectTokenRequest request, StreamObserver<IntrospectTokenResponse> response) {
    // Any string is a fair question: what is not a usable token is simply inactive.
    var identity = introspect.execute(CallPrincipal.current(), new IntrospectTokenQuery(request.getToken()));
    var reply = IntrospectTokenResponse.newBuilder().setActive(identity.isPresent());
    identity.ifPresent(i -> reply.setIdentity(ProtoMapper.callerIdentity(i)));
    response.onNext(reply.build());
    response.onCompleted();
  }

  @Override
  public void checkAccess(CheckAccessRequest request, StreamObserver<CheckAccessResponse> response) {
    RequestFields fields = new RequestFields();
    DataModel model = DataModel.byApiName(request.getDataModel()).orElse(null);
    if (model == null) {
      fields.violation("data_model", request.getDataModel().isEmpty() ? "must not be empty"
          : "unknown data model (see ListDataModels)");
    }
    Action action = ProtoRequests.action(request.getActionValue()).orElse(null);
    if (action == null) {
      fields.violation("action", "must be ACTION_READ, ACTION_CREATE, ACTION_UPDATE or ACTION_DELETE");
    }
    fields.check();
    // fields.check() threw unless both parsed.
    AccessDecision decision = checkAccess.execute(CallPrincipal.current(),
        new CheckAccessQuery(request.getToken(), Objects.requireNonNull(model), Objects.requireNonNull(action)));
    CheckAccessResponse.Builder reply = CheckAccessResponse.newBuilder();
    switch (decision) {
      case AccessDecision.Allowed a -> reply.setAllowed(true);
      case AccessDecision.Denied d -> reply.setAllowed(false);
      case AccessDecision.RateLimited r -> reply.setAllowed(false).setRetryDelay(
          com.google.protobuf.Duration.newBuilder()
              .setSeconds(r.retryAfter().toSeconds()).setNanos(r.retryAfter().toNanosPart()));
    }
    response.onNext(reply.build());
    response.onCompleted();
  }
}
