package dev.latchkey.adapter.grpc;

import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.CreateTenantCommand;
import dev.latchkey.application.port.in.CreateTenantUseCase;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.GetTenantQuery;
import dev.latchkey.application.port.in.GetTenantUseCase;
import dev.latchkey.application.port.in.ListTenantsQuery;
import dev.latchkey.application.port.in.ListTenantsUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.GetTenantRequest;
import dev.latchkey.proto.v1.ListTenantsRequest;
import dev.latchkey.proto.v1.ListTenantsResponse;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;

/** {@code latchkey.v1.TenantService}: the operator's management of tenants. */
public final class TenantGrpcService extends TenantServiceGrpc.TenantServiceImplBase {
  private final CreateTenantUseCase createTenant;
  private final GetTenantUseCase getTenant;
  private final ListTenantsUseCase listTenants;

  @Inject
  public TenantGrpcService(
      CreateTenantUseCase createTenant, GetTenantUseCase getTenant, ListTenantsUseCase listTenants) {
    this.createTenant = createTenant;
    this.getTenant = getTenant;
    this.listTenants = listTenants;
  }

  @Override
  public void createTenant(CreateTenantRequest request, StreamObserver<CreateTenantResponse> response) {
    RequestFields fields = new RequestFields();
    DisplayName displayName =
        fields.value("tenant.display_name", () -> new DisplayName(request.getTenant().getDisplayName()));
    EmailAddress ownerEmail = fields.value("owner_email", () -> new EmailAddress(request.getOwnerEmail()));
    DisplayName ownerName =
        fields.value("owner_display_name", () -> new DisplayName(request.getOwnerDisplayName()));
    if (!request.getTenant().getName().isEmpty()) {
      fields.violation("tenant.name", "is assigned by the server; leave it empty");
    }
    fields.check();

    CreatedTenant created =
        createTenant.execute(CallPrincipal.current(), new CreateTenantCommand(displayName, ownerEmail, ownerName));
    response.onNext(CreateTenantResponse.newBuilder()
        .setTenant(ProtoMapper.tenant(created.tenant()))
        .setOwner(ProtoMapper.user(created.owner()))
        .setOwnerTokenSecret(created.ownerToken().secret().reveal())
        .build());
    response.onCompleted();
  }

  @Override
  public void getTenant(GetTenantRequest request, StreamObserver<Tenant> response) {
    RequestFields fields = new RequestFields();
    TenantId id = fields.resourceId("name", request.getName(), "tenants", TenantId::parse);
    fields.check();
    response.onNext(ProtoMapper.tenant(getTenant.execute(CallPrincipal.current(), new GetTenantQuery(id))));
    response.onCompleted();
  }

  @Override
  public void listTenants(ListTenantsRequest request, StreamObserver<ListTenantsResponse> response) {
    Page<dev.latchkey.domain.tenant.Tenant> page =
        listTenants.execute(CallPrincipal.current(),
            new ListTenantsQuery(new PageQuery(request.getPageSize(), request.getPageToken())));
    response.onNext(ListTenantsResponse.newBuilder()
        .addAllTenants(page.items().stream().map(ProtoMapper::tenant).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
    response.onCompleted();
  }
}
