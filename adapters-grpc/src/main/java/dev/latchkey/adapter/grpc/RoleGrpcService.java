package dev.latchkey.adapter.grpc;

import com.google.protobuf.Empty;
import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.adapter.grpc.mapping.ProtoRequests;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.adapter.grpc.mapping.ResourceNames;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.CreateRoleCommand;
import dev.latchkey.application.port.in.CreateRoleUseCase;
import dev.latchkey.application.port.in.DeleteRoleCommand;
import dev.latchkey.application.port.in.DeleteRoleUseCase;
import dev.latchkey.application.port.in.GetRoleQuery;
import dev.latchkey.application.port.in.GetRoleUseCase;
import dev.latchkey.application.port.in.ListRolesQuery;
import dev.latchkey.application.port.in.ListRolesUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.UpdateRoleCommand;
import dev.latchkey.application.port.in.UpdateRoleUseCase;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.proto.v1.CreateRoleRequest;
import dev.latchkey.proto.v1.DeleteRoleRequest;
import dev.latchkey.proto.v1.GetRoleRequest;
import dev.latchkey.proto.v1.ListRolesRequest;
import dev.latchkey.proto.v1.ListRolesResponse;
import dev.latchkey.proto.v1.Role;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.UpdateRoleRequest;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** {@code latchkey.v1.RoleService}: roles (named permission sets for team members) of the caller's tenant. */
public final class RoleGrpcService extends RoleServiceGrpc.RoleServiceImplBase {
  private static final List<String> UPDATABLE = List.of("display_name", "grants", "api_access");

  private final CreateRoleUseCase createRole;
  private final GetRoleUseCase getRole;
  private final ListRolesUseCase listRoles;
  private final UpdateRoleUseCase updateRole;
  private final DeleteRoleUseCase deleteRole;

  @Inject
  public RoleGrpcService(
      CreateRoleUseCase createRole, GetRoleUseCase getRole, ListRolesUseCase listRoles, UpdateRoleUseCase updateRole,
      DeleteRoleUseCase deleteRole) {
    this.createRole = createRole;
    this.getRole = getRole;
    this.listRoles = listRoles;
    this.updateRole = updateRole;
    this.deleteRole = deleteRole;
  }

  @Override
  public void createRole(CreateRoleRequest request, StreamObserver<Role> response) {
    RequestFields fields = new RequestFields();
    Role role = request.getRole();
    DisplayName displayName = fields.value("role.display_name", () -> new DisplayName(role.getDisplayName()));
    PermissionSet grants = ProtoRequests.grants(fields, "role.grants", role.getGrantsList());
    if (!role.getName().isEmpty()) {
      fields.violation("role.name", "is assigned by the server; leave it empty");
    }
    fields.check();
    var created = createRole.execute(CallPrincipal.current(),
        new CreateRoleCommand(displayName, grants, role.getApiAccess()));
    respond(response, ProtoMapper.role(created));
  }

  @Override
  public void getRole(GetRoleRequest request, StreamObserver<Role> response) {
    RoleId id = id(request.getName());
    respond(response, ProtoMapper.role(getRole.execute(CallPrincipal.current(), new GetRoleQuery(id))));
  }

  @Override
  public void listRoles(ListRolesRequest request, StreamObserver<ListRolesResponse> response) {
    Page<dev.latchkey.domain.role.Role> page =
        listRoles.execute(CallPrincipal.current(),
            new ListRolesQuery(new PageQuery(request.getPageSize(), request.getPageToken())));
    respond(response, ListRolesResponse.newBuilder()
        .addAllRoles(page.items().stream().map(ProtoMapper::role).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
  }

  @Override
  public void updateRole(UpdateRoleRequest request, StreamObserver<Role> response) {
    RequestFields fields = new RequestFields();
    Role role = request.getRole();
    RoleId id = ResourceNames.role(fields, "role.name", role.getName());
    Set<String> paths = ProtoRequests.updateMask(fields, "update_mask", request.getUpdateMask(), UPDATABLE);
    Optional<DisplayName> displayName = paths.contains("display_name")
        ? Optional.ofNullable(fields.value("role.display_name", () -> new DisplayName(role.getDisplayName())))
        : Optional.empty();
    Optional<PermissionSet> grants = paths.contains("grants")
        ? Optional.ofNullable(ProtoRequests.grants(fields, "role.grants", role.getGrantsList()))
        : Optional.empty();
    Optional<Boolean> apiAccess = paths.contains("api_access") ? Optional.of(role.getApiAccess()) : Optional.empty();
    OptionalLong version = ProtoRequests.etag(fields, "role.etag", role.getEtag());
    fields.check();
    var updated = updateRole.execute(CallPrincipal.current(),
        new UpdateRoleCommand(id, displayName, grants, apiAccess, version));
    respond(response, ProtoMapper.role(updated));
  }

  @Override
  public void deleteRole(DeleteRoleRequest request, StreamObserver<Empty> response) {
    RoleId id = id(request.getName());
    deleteRole.execute(CallPrincipal.current(), new DeleteRoleCommand(id));
    respond(response, Empty.getDefaultInstance());
  }

  private static RoleId id(String name) {
    RequestFields fields = new RequestFields();
    RoleId id = ResourceNames.role(fields, "name", name);
    fields.check();
    return id;
  }

  private static <T> void respond(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
