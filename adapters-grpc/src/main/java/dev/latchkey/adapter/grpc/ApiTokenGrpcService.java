package dev.latchkey.adapter.grpc;

import com.google.protobuf.Empty;
import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.adapter.grpc.mapping.ResourceNames;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.CreateApiTokenCommand;
import dev.latchkey.application.port.in.CreateApiTokenUseCase;
import dev.latchkey.application.port.in.DeleteApiTokenCommand;
import dev.latchkey.application.port.in.DeleteApiTokenUseCase;
import dev.latchkey.application.port.in.GetApiTokenQuery;
import dev.latchkey.application.port.in.GetApiTokenUseCase;
import dev.latchkey.application.port.in.ListApiTokensQuery;
import dev.latchkey.application.port.in.ListApiTokensUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreateApiTokenResponse;
import dev.latchkey.proto.v1.DeleteApiTokenRequest;
import dev.latchkey.proto.v1.GetApiTokenRequest;
import dev.latchkey.proto.v1.ListApiTokensRequest;
import dev.latchkey.proto.v1.ListApiTokensResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;

/** {@code latchkey.v1.ApiTokenService}: tokens of private apps and users. */
public final class ApiTokenGrpcService extends ApiTokenServiceGrpc.ApiTokenServiceImplBase {
  private final CreateApiTokenUseCase create;
  private final GetApiTokenUseCase get;
  private final ListApiTokensUseCase list;
  private final DeleteApiTokenUseCase delete;

  @Inject
  public ApiTokenGrpcService(
      CreateApiTokenUseCase create, GetApiTokenUseCase get, ListApiTokensUseCase list, DeleteApiTokenUseCase delete) {
    this.create = create;
    this.get = get;
    this.list = list;
    this.delete = delete;
  }

  @Override
  public void createApiToken(CreateApiTokenRequest request, StreamObserver<CreateApiTokenResponse> response) {
    RequestFields fields = new RequestFields();
    Actor owner = ResourceNames.principal(fields, "parent", request.getParent());
    DisplayName displayName =
        fields.value("api_token.display_name", () -> new DisplayName(request.getApiToken().getDisplayName()));
    if (!request.getApiToken().getName().isEmpty()) {
      fields.violation("api_token.name", "is assigned by the server; leave it empty");
    }
    fields.check();
    IssuedToken issued = create.execute(CallPrincipal.current(), new CreateApiTokenCommand(owner, displayName));
    response.onNext(CreateApiTokenResponse.newBuilder()
        .setApiToken(ProtoMapper.apiToken(issued.token()))
        .setSecret(issued.secret().reveal())
        .build());
    response.onCompleted();
  }

  @Override
  public void getApiToken(GetApiTokenRequest request, StreamObserver<ApiToken> response) {
    RequestFields fields = new RequestFields();
    ResourceNames.TokenName name = ResourceNames.token(fields, "name", request.getName());
    fields.check();
    response.onNext(ProtoMapper.apiToken(
        get.execute(CallPrincipal.current(), new GetApiTokenQuery(name.owner(), name.id()))));
    response.onCompleted();
  }

  @Override
  public void listApiTokens(ListApiTokensRequest request, StreamObserver<ListApiTokensResponse> response) {
    RequestFields fields = new RequestFields();
    Actor owner = ResourceNames.principal(fields, "parent", request.getParent());
    fields.check();
    Page<dev.latchkey.domain.token.ApiToken> page =
        list.execute(CallPrincipal.current(),
            new ListApiTokensQuery(owner, new PageQuery(request.getPageSize(), request.getPageToken())));
    response.onNext(ListApiTokensResponse.newBuilder()
        .addAllApiTokens(page.items().stream().map(ProtoMapper::apiToken).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
    response.onCompleted();
  }

  @Override
  public void deleteApiToken(DeleteApiTokenRequest request, StreamObserver<Empty> response) {
    RequestFields fields = new RequestFields();
    ResourceNames.TokenName name = ResourceNames.token(fields, "name", request.getName());
    fields.check();
    delete.execute(CallPrincipal.current(), new DeleteApiTokenCommand(name.owner(), name.id()));
    response.onNext(Empty.getDefaultInstance());
    response.onCompleted();
  }
}
