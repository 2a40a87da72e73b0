package dev.latchkey.adapter.grpc;

import com.google.protobuf.Empty;
import dev.latchkey.adapter.grpc.auth.CallPrincipal;
import dev.latchkey.adapter.grpc.mapping.ProtoMapper;
import dev.latchkey.adapter.grpc.mapping.ProtoRequests;
import dev.latchkey.adapter.grpc.mapping.RequestFields;
import dev.latchkey.adapter.grpc.mapping.ResourceNames;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ChangeUserStateCommand;
import dev.latchkey.application.port.in.ChangeUserStateUseCase;
import dev.latchkey.application.port.in.CreateUserCommand;
import dev.latchkey.application.port.in.CreateUserUseCase;
import dev.latchkey.application.port.in.DeleteUserCommand;
import dev.latchkey.application.port.in.DeleteUserUseCase;
import dev.latchkey.application.port.in.GetUserQuery;
import dev.latchkey.application.port.in.GetUserUseCase;
import dev.latchkey.application.port.in.ListUsersQuery;
import dev.latchkey.application.port.in.ListUsersUseCase;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.TransferAccountHolderCommand;
import dev.latchkey.application.port.in.TransferAccountHolderUseCase;
import dev.latchkey.application.port.in.UpdateUserCommand;
import dev.latchkey.application.port.in.UpdateUserUseCase;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import dev.latchkey.proto.v1.CreateUserRequest;
import dev.latchkey.proto.v1.DeactivateUserRequest;
import dev.latchkey.proto.v1.DeleteUserRequest;
import dev.latchkey.proto.v1.GetUserRequest;
import dev.latchkey.proto.v1.ListUsersRequest;
import dev.latchkey.proto.v1.ListUsersResponse;
import dev.latchkey.proto.v1.ReactivateUserRequest;
import dev.latchkey.proto.v1.TransferAccountHolderRequest;
import dev.latchkey.proto.v1.UpdateUserRequest;
import dev.latchkey.proto.v1.User;
import dev.latchkey.proto.v1.UserServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code latchkey.v1.UserService}: team members of the caller's tenant. */
public final class UserGrpcService extends UserServiceGrpc.UserServiceImplBase {
  private static final List<String> UPDATABLE = List.of("display_name", "role");

  /** Far above any filter we support; bounds the work done on a hostile one. */
  private static final int MAX_FILTER_LENGTH = 256;
  private static final Pattern AND = Pattern.compile("\\s+AND\\s+");
  private static final Pattern ROLE_TERM = Pattern.compile("\\s*role\\s*=\\s*\"roles/([^\"]*)\"\\s*");
  private static final Pattern STATE_TERM =
      Pattern.compile("\\s*state\\s*=\\s*(STATE_ACTIVE|STATE_DEACTIVATED)\\s*");
  private static final String SUPPORTED_FILTERS = "supported: role = \"roles/{id}\", state = STATE_ACTIVE, "
      + "state = STATE_DEACTIVATED, or one role and one state term joined with AND";

  private final CreateUserUseCase createUser;
  private final GetUserUseCase getUser;
  private final ListUsersUseCase listUsers;
  private final UpdateUserUseCase updateUser;
  private final ChangeUserStateUseCase changeUserState;
  private final DeleteUserUseCase deleteUser;
  private final TransferAccountHolderUseCase transferAccountHolder;

  @Inject
  public UserGrpcService(
      CreateUserUseCase createUser, GetUserUseCase getUser, ListUsersUseCase listUsers, UpdateUserUseCase updateUser,
      ChangeUserStateUseCase changeUserState, DeleteUserUseCase deleteUser,
      TransferAccountHolderUseCase transferAccountHolder) {
    this.createUser = createUser;
    this.getUser = getUser;
    this.listUsers = listUsers;
    this.updateUser = updateUser;
    this.changeUserState = changeUserState;
    this.deleteUser = deleteUser;
    this.transferAccountHolder = transferAccountHolder;
  }

  @Override
  public void createUser(CreateUserRequest request, StreamObserver<User> response) {
    RequestFields fields = new RequestFields();
    User user = request.getUser();
    EmailAddress email = fields.value("user.email", () -> new EmailAddress(user.getEmail()));
    DisplayName displayName = fields.value("user.display_name", () -> new DisplayName(user.getDisplayName()));
    RoleId role = ResourceNames.role(fields, "user.role", user.getRole());
    outputOnly(fields, user);
    fields.check();
    var created = createUser.execute(CallPrincipal.current(), new CreateUserCommand(email, displayName, role));
    respond(response, ProtoMapper.user(created));
  }

  @Override
  public void getUser(GetUserRequest request, StreamObserver<User> response) {
    UserId id = id(request.getName());
    respond(response, ProtoMapper.user(getUser.execute(CallPrincipal.current(), new GetUserQuery(id))));
  }

  @Override
  public void listUsers(ListUsersRequest request, StreamObserver<ListUsersResponse> response) {
    RequestFields fields = new RequestFields();
    Filter filter = filter(fields, request.getFilter());
    fields.check();
    Page<dev.latchkey.domain.user.User> page = listUsers.execute(CallPrincipal.current(), new ListUsersQuery(
        new PageQuery(request.getPageSize(), request.getPageToken()), filter.role(), filter.state()));
    respond(response, ListUsersResponse.newBuilder()
        .addAllUsers(page.items().stream().map(ProtoMapper::user).toList())
        .setNextPageToken(page.nextCursor().orElse(""))
        .build());
  }

  @Override
  public void updateUser(UpdateUserRequest request, StreamObserver<User> response) {
    RequestFields fields = new RequestFields();
    User user = request.getUser();
    UserId id = ResourceNames.user(fields, "user.name", user.getName());
    Set<String> paths = ProtoRequests.updateMask(fields, "update_mask", request.getUpdateMask(), UPDATABLE);
    Optional<DisplayName> displayName = paths.contains("display_name")
        ? Optional.ofNullable(fields.value("user.display_name", () -> new DisplayName(user.getDisplayName())))
        : Optional.empty();
    Optional<RoleId> role = paths.contains("role")
        ? Optional.ofNullable(ResourceNames.role(fields, "user.role", user.getRole()))
        : Optional.empty();
    OptionalLong version = ProtoRequests.etag(fields, "user.etag", user.getEtag());
    fields.check();
    var updated = updateUser.execute(CallPrincipal.current(), new UpdateUserCommand(id, displayName, role, version));
    respond(response, ProtoMapper.user(updated));
  }

  @Override
  public void deactivateUser(DeactivateUserRequest request, StreamObserver<User> response) {
    UserId id = id(request.getName());
    respond(response, ProtoMapper.user(
        changeUserState.execute(CallPrincipal.current(), new ChangeUserStateCommand(id, UserState.DEACTIVATED))));
  }

  @Override
  public void reactivateUser(ReactivateUserRequest request, StreamObserver<User> response) {
    UserId id = id(request.getName());
    respond(response, ProtoMapper.user(
        changeUserState.execute(CallPrincipal.current(), new ChangeUserStateCommand(id, UserState.ACTIVE))));
  }

  @Override
  public void deleteUser(DeleteUserRequest request, StreamObserver<Empty> response) {
    UserId id = id(request.getName());
    deleteUser.execute(CallPrincipal.current(), new DeleteUserCommand(id));
    respond(response, Empty.getDefaultInstance());
  }

  @Override
  public void transferAccountHolder(TransferAccountHolderRequest request, StreamObserver<User> response) {
    UserId to = id(request.getName());
    respond(response, ProtoMapper.user(
        transferAccountHolder.execute(CallPrincipal.current(), new TransferAccountHolderCommand(to))));
  }

  /** What {@code ListUsersRequest.filter} asks for. */
  private record Filter(Optional<RoleId> role, Optional<UserState> state) {}

  private static Filter filter(RequestFields fields, String text) {
    Optional<RoleId> role = Optional.empty();
    Optional<UserState> state = Optional.empty();
    if (text.isBlank()) {
      return new Filter(role, state);
    }
    if (text.length() > MAX_FILTER_LENGTH) {
      fields.violation("filter", "at most " + MAX_FILTER_LENGTH + " characters; " + SUPPORTED_FILTERS);
      return new Filter(role, state);
    }
    for (String term : AND.split(text, -1)) {
      Matcher roleTerm = ROLE_TERM.matcher(term);
      Matcher stateTerm = STATE_TERM.matcher(term);
      if (roleTerm.matches() && role.isEmpty()) {
        Optional<RoleId> id = RoleId.parse(roleTerm.group(1));
        if (id.isEmpty()) {
          fields.violation("filter", "role must be a resource name like roles/{id}");
          return new Filter(Optional.empty(), Optional.empty());
        }
        role = id;
      } else if (stateTerm.matches() && state.isEmpty()) {
        state = Optional.of(stateTerm.group(1).equals("STATE_ACTIVE") ? UserState.ACTIVE : UserState.DEACTIVATED);
      } else {
        fields.violation("filter", SUPPORTED_FILTERS);
        return new Filter(Optional.empty(), Optional.empty());
      }
    }
    return new Filter(role, state);
  }

  private static UserId id(String name) {
    RequestFields fields = new RequestFields();
    UserId id = ResourceNames.user(fields, "name", name);
    fields.check();
    return id;
  }

  /** Fields the server sets; a client sending them probably misunderstands the API. */
  private static void outputOnly(RequestFields fields, User user) {
    if (!user.getName().isEmpty()) {
      fields.violation("user.name", "is assigned by the server; leave it empty");
    }
    if (user.getState() != User.State.STATE_UNSPECIFIED) {
      fields.violation("user.state", "is output only; new users are active");
    }
    if (user.getAccountHolder()) {
      fields.violation("user.account_holder", "is output only; use TransferAccountHolder");
    }
  }

  private static <T> void respond(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
