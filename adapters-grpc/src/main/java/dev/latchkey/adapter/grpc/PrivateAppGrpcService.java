package dev.latchkey.adapter.grpc;

import com.google.protobuf.Empty;
import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.adapter.grpc.mapping.ProtoRequests;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.adapter.grpc.mapping.ResourceNames;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ChangePrivateAppStateCommand;
import dev.latchkey.application.port.in.ChangePrivateAppStateUseCase;
import dev.latchkey.application.port.in.CreatePrivateAppCommand;
import dev.latchkey.application.port.in.CreatePrivateAppUseCase;
import dev.latchkey.application.port.in.DeletePrivateAppCommand;
import dev.latchkey.application.port.in.DeletePrivateAppUseCase;
import dev.latchkey.application.port.in.GetPrivateAppQuery;
import dev.latchkey.application.port.in.GetPrivateAppUseCase;
import dev.latchkey.application.port.in.ListPrivateAppsQuery;
import dev.latchkey.application.port.in.ListPrivateAppsUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.PermissionSource;
import dev.latchkey.application.port.in.UpdatePrivateAppCommand;
import dev.latchkey.application.port.in.UpdatePrivateAppUseCase;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.DeletePrivateAppRequest;
import dev.latchkey.proto.v1.DisablePrivateAppRequest;
import dev.latchkey.proto.v1.EnablePrivateAppRequest;
import dev.latchkey.proto.v1.GetPrivateAppRequest;
import dev.latchkey.proto.v1.ListPrivateAppsRequest;
import dev.latchkey.proto.v1.ListPrivateAppsResponse;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.UpdatePrivateAppRequest;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code latchkey.v1.PrivateAppService}: private apps (service accounts) of the caller's tenant. */
public final class PrivateAppGrpcService extends PrivateAppServiceGrpc.PrivateAppServiceImplBase {
  private static final List<String> UPDATABLE = List.of("display_name", "description", "grants");
  private static final Pattern STATE_FILTER = Pattern.compile("\\s*state\\s*=\\s*(STATE_ENABLED|STATE_DISABLED)\\s*");

  private final CreatePrivateAppUseCase create;
  private final GetPrivateAppUseCase get;
  private final ListPrivateAppsUseCase list;
  private final UpdatePrivateAppUseCase update;
  private final ChangePrivateAppStateUseCase changeState;
  private final DeletePrivateAppUseCase delete;

  @Inject
  public PrivateAppGrpcService(
      CreatePrivateAppUseCase create, GetPrivateAppUseCase get, ListPrivateAppsUseCase list,
      UpdatePrivateAppUseCase update, ChangePrivateAppStateUseCase changeState, DeletePrivateAppUseCase delete) {
    this.create = create;
    this.get = get;
    this.list = list;
    this.update = update;
    this.changeState = changeState;
    this.delete = delete;
  }

  @Override
  public void createPrivateApp(CreatePrivateAppRequest request, StreamObserver<PrivateApp> response) {
    RequestFields fields = new RequestFields();
    var app = request.getPrivateApp();
    DisplayName displayName = fields.value("private_app.display_name", () -> new DisplayName(app.getDisplayName()));
    Description description = fields.value("private_app.description", () -> new Description(app.getDescription()));
    PermissionSet grants = ProtoRequests.grants(fields, "private_app.grants", app.getGrantsList());
    Optional<PermissionSource> source = Optional.empty();
    String from = request.getCopyPermissionsFrom();
    if (!from.isEmpty()) {
      if (!app.getGrantsList().isEmpty()) {
        fields.violation("private_app.grants", "must be empty when copy_permissions_from is set");
      }
      if (from.startsWith("roles/")) {
        var id = ResourceNames.role(fields, "copy_permissions_from", from);
        source = Optional.ofNullable(id).map(PermissionSource.FromRole::new);
      } else if (from.startsWith("privateApps/")) {
        var id = ResourceNames.privateApp(fields, "copy_permissions_from", from);
        source = Optional.ofNullable(id).map(PermissionSource.FromPrivateApp::new);
      } else {
        fields.violation("copy_permissions_from", "must be privateApps/{id} or roles/{id}");
      }
    }
    outputOnly(fields, "private_app", app);
    fields.check();
    var created = create.execute(CallPrincipal.current(), new CreatePrivateAppCommand(displayName, description,
        source.isPresent() ? PermissionSet.none() : grants, source));
    respond(response, ProtoMapper.privateApp(created));
  }

  @Override
  public void getPrivateApp(GetPrivateAppRequest request, StreamObserver<PrivateApp> response) {
    PrivateAppId id = id(request.getName());
    respond(response, ProtoMapper.privateApp(get.execute(CallPrincipal.current(), new GetPrivateAppQuery(id))));
  }

  @Override
  public void listPrivateApps(ListPrivateAppsRequest request, StreamObserver<ListPrivateAppsResponse> response) {
    RequestFields fields = new RequestFields();
    Optional<PrivateAppState> state = Optional.empty();
    if (!request.getFilter().isBlank()) {
      Matcher m = STATE_FILTER.matcher(request.getFilter());
      if (m.matches()) {
        state = Optional.of(m.group(1).equals("STATE_ENABLED") ? PrivateAppState.ENABLED : PrivateAppState.DISABLED);
      } else {
        fields.violation("filter", "supported: state = STATE_ENABLED, state = STATE_DISABLED");
      }
    }
    fields.check();
    Page<dev.latchkey.domain.privateapp.PrivateApp> page =
        list.execute(CallPrincipal.current(),
            new ListPrivateAppsQuery(new PageQuery(request.getPageSize(), request.getPageToken()), state));
    respond(response, ListPrivateAppsResponse.newBuilder()
        .addAllPrivateApps(page.items().stream().map(ProtoMapper::privateApp).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
  }

  @Override
  public void updatePrivateApp(UpdatePrivateAppRequest request, StreamObserver<PrivateApp> response) {
    RequestFields fields = new RequestFields();
    var app = request.getPrivateApp();
    PrivateAppId id = ResourceNames.privateApp(fields, "private_app.name", app.getName());
    Set<String> paths = ProtoRequests.updateMask(fields, "update_mask", request.getUpdateMask(), UPDATABLE);
    Optional<DisplayName> displayName = paths.contains("display_name")
        ? Optional.ofNullable(fields.value("private_app.display_name", () -> new DisplayName(app.getDisplayName())))
        : Optional.empty();
    Optional<Description> description = paths.contains("description")
        ? Optional.ofNullable(fields.value("private_app.description", () -> new Description(app.getDescription())))
        : Optional.empty();
    Optional<PermissionSet> grants = paths.contains("grants")
        ? Optional.ofNullable(ProtoRequests.grants(fields, "private_app.grants", app.getGrantsList()))
        : Optional.empty();
    OptionalLong version = ProtoRequests.etag(fields, "private_app.etag", app.getEtag());
    fields.check();
    var updated = update.execute(CallPrincipal.current(),
        new UpdatePrivateAppCommand(id, displayName, description, grants, version));
    respond(response, ProtoMapper.privateApp(updated));
  }

  @Override
  public void enablePrivateApp(EnablePrivateAppRequest request, StreamObserver<PrivateApp> response) {
    PrivateAppId id = id(request.getName());
    respond(response, ProtoMapper.privateApp(
        changeState.execute(CallPrincipal.current(), new ChangePrivateAppStateCommand(id, PrivateAppState.ENABLED))));
  }

  @Override
  public void disablePrivateApp(DisablePrivateAppRequest request, StreamObserver<PrivateApp> response) {
    PrivateAppId id = id(request.getName());
    respond(response, ProtoMapper.privateApp(
        changeState.execute(CallPrincipal.current(), new ChangePrivateAppStateCommand(id, PrivateAppState.DISABLED))));
  }

  @Override
  public void deletePrivateApp(DeletePrivateAppRequest request, StreamObserver<Empty> response) {
    PrivateAppId id = id(request.getName());
    delete.execute(CallPrincipal.current(), new DeletePrivateAppCommand(id));
    respond(response, Empty.getDefaultInstance());
  }

  private static PrivateAppId id(String name) {
    RequestFields fields = new RequestFields();
    PrivateAppId id = ResourceNames.privateApp(fields, "name", name);
    fields.check();
    return id;
  }

  /** Fields the server sets; a client sending them probably misunderstands the API. */
  private static void outputOnly(RequestFields fields, String prefix, PrivateApp app) {
    if (!app.getName().isEmpty()) {
      fields.violation(prefix + ".name", "is assigned by the server; leave it empty");
    }
    if (app.getState() != PrivateApp.State.STATE_UNSPECIFIED) {
      fields.violation(prefix + ".state", "is output only; new apps are enabled");
    }
  }

  private static <T> void respond(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
