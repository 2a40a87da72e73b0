package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuditEvent;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CallerIdentity;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateRoleRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.CreateUserRequest;
import dev.latchkey.proto.v1.DeactivateUserRequest;
import dev.latchkey.proto.v1.DeleteApiTokenRequest;
import dev.latchkey.proto.v1.DeleteRoleRequest;
import dev.latchkey.proto.v1.DeleteUserRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.ListApiTokensRequest;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.ListRequestLogsRequest;
import dev.latchkey.proto.v1.ListRolesRequest;
import dev.latchkey.proto.v1.ListUsersRequest;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.ReactivateUserRequest;
import dev.latchkey.proto.v1.RequestLog;
import dev.latchkey.proto.v1.RequestLogServiceGrpc;
import dev.latchkey.proto.v1.Role;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.TransferAccountHolderRequest;
import dev.latchkey.proto.v1.UpdateRoleRequest;
import dev.latchkey.proto.v1.UpdateUserRequest;
import dev.latchkey.proto.v1.User;
import dev.latchkey.proto.v1.UserServiceGrpc;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4 through the real server: people act through the product's web app (the operator token
 * plus {@code latchkey-act-as}) or through their own personal access tokens.
 */
class TeamMembersEndToEndTest {
  @RegisterExtension static final RunningLatchkey latchkey = new RunningLatchkey();

  private CreateTenantResponse tenant;
  private User holder;
  private Role memberRole;

  @BeforeEach
  void aTenantWithItsDefaultRoles() {
    tenant = TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName("Team Co"))
            .setOwnerEmail("holder-" + System.nanoTime() + "@team.test").setOwnerDisplayName("Holder").build());
    holder = tenant.getOwner();
    List<Role> roles = roles(as(holder)).listRoles(ListRolesRequest.getDefaultInstance()).getRolesList();
    assertThat(roles).extracting(Role::getDisplayName).contains("Administrator", "Member");
    memberRole = roles.stream().filter(r -> r.getDisplayName().equals("Member")).findFirst().orElseThrow();
    assertThat(memberRole.getApiAccess()).isFalse();
  }

  @Test
  void theWebAppActsForTheSignedInPerson() {
    CallerIdentity identity = auth(as(holder)).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());

    assertThat(identity.getPrincipal()).isEqualTo(holder.getName());
    assertThat(identity.getTenant()).isEqualTo(tenant.getTenant().getName());
    assertThat(identity.getToken()).isEmpty();

    // Only the operator may act for someone.
    CallCredentials holderTokenActingAs = actAsWith(tenant.getOwnerTokenSecret(), holder);
    assertCode(Status.Code.PERMISSION_DENIED, () -> auth(holderTokenActingAs)
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));
    // ...and the refused attempt is in the token owner's Logs tab, like any call refused after
    // authentication.
    List<RequestLog> attempts = eventually(() -> RequestLogServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(as(holder))
        .listRequestLogs(ListRequestLogsRequest.newBuilder().setParent(holder.getName()).build())
        .getRequestLogsList().stream().filter(e -> e.getStatusCode().equals("PERMISSION_DENIED")).toList());
    assertThat(attempts).singleElement().satisfies(e -> {
      assertThat(e.getMethod()).isEqualTo("/latchkey.v1.AuthService/GetCallerIdentity");
      assertThat(e.getToken()).startsWith(holder.getName() + "/tokens/");
    });
    // An unknown user, or a user of another tenant, is no one.
    assertCode(Status.Code.UNAUTHENTICATED, () -> auth(actAsWith(latchkey.operatorToken(),
        tenant.getTenant().getName() + "/users/01a20941-6a92-7000-9b4c-d10be0cf3289"))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));
    assertCode(Status.Code.UNAUTHENTICATED, () -> auth(actAsWith(latchkey.operatorToken(),
        "tenants/01a20941-6a92-7000-9b4c-d10be0cf3289/" + holder.getName()))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));

    // What the operator does for the holder is the holder's doing, by means of the operator.
    PrivateAppServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(as(holder))
        .createPrivateApp(CreatePrivateAppRequest.newBuilder()
            .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Made on the admin screen")).build());
    AuditEvent created = AuditServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(as(holder))
        .listAuditEvents(ListAuditEventsRequest.getDefaultInstance()).getAuditEvents(0);
    assertThat(created.getAction()).isEqualTo("private_app.created");
    assertThat(created.getActor()).isEqualTo(holder.getName());
    assertThat(created.getMeans()).isEqualTo("operator");
    assertThat(created.getToken()).isEmpty();
    // Private apps are not team members: they never appear among the users.
    assertThat(users(as(holder)).listUsers(ListUsersRequest.getDefaultInstance()).getUsersList())
        .extracting(User::getName).containsExactly(holder.getName());
  }

  @Test
  void apiAccessOfTheRoleDecidesWhetherAMemberMayHaveAndUseTokens() {
    User member = createUser("member", memberRole);

    // No API access: refused a token.
    assertCode(Status.Code.PERMISSION_DENIED, () -> createToken(as(member), member));

    setApiAccess(memberRole, true);
    String token = createToken(as(member), member).getSecret();
    assertThat(token).startsWith("lkp_");
    CallerIdentity identity = auth(bearer(token)).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
    assertThat(identity.getPrincipal()).isEqualTo(member.getName());
    assertThat(identity.getGrantsList()).extracting(Grant::getDataModel).contains("companies", "tickets")
        .doesNotContain("users", "private_apps");

    // Access withdrawn: the token stops working; given back: it works again.
    setApiAccess(memberRole, false);
    assertCode(Status.Code.UNAUTHENTICATED, () -> auth(bearer(token)).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));
    setApiAccess(memberRole, true);
    assertThat(auth(bearer(token)).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()).getPrincipal())
        .isEqualTo(member.getName());

    // A member never creates tokens for somebody else.
    assertCode(Status.Code.PERMISSION_DENIED, () -> createToken(bearer(token), holder));
    // The member's calls are in the member's Logs tab.
    // Entries are written off the request path: wait until the member's own calls are there too.
    List<RequestLog> log = eventually(() -> {
      List<RequestLog> entries = RequestLogServiceGrpc.newBlockingStub(latchkey.channel())
          .withCallCredentials(as(holder))
          .listRequestLogs(ListRequestLogsRequest.newBuilder().setParent(member.getName()).build())
          .getRequestLogsList();
      return entries.stream().anyMatch(e -> e.getToken().startsWith(member.getName() + "/tokens/"))
          ? entries : List.<RequestLog>of();
    });
    assertThat(log).anySatisfy(entry -> assertThat(entry.getToken()).startsWith(member.getName() + "/tokens/"));
    assertThat(log).anySatisfy(entry -> {
      assertThat(entry.getToken()).isEmpty();
      assertThat(entry.getMeans()).isEqualTo("operator");
    });
  }

  @Test
  void aUserManagerDeletesAMembersLeakedTokenButNotTheAccountHolders() {
    setApiAccess(memberRole, true);
    User member = createUser("leaky", memberRole);
    Role managers = roles(as(holder)).createRole(CreateRoleRequest.newBuilder().setRole(Role.newBuilder()
        .setDisplayName("User managers").setApiAccess(true)
        .addGrants(Grant.newBuilder().setDataModel("users").addActions(Action.ACTION_READ)
            .addActions(Action.ACTION_UPDATE).addActions(Action.ACTION_DELETE))).build());
    User manager = createUser("manager", managers);
    String managerToken = createToken(as(manager), manager).getSecret();
    var leaked = createToken(as(member), member);
    var holdersToken = createToken(as(holder), holder);

    var tokens = ApiTokenServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(managerToken));
    assertThat(tokens.listApiTokens(ListApiTokensRequest.newBuilder().setParent(member.getName()).build())
        .getApiTokensList()).extracting(ApiToken::getName).containsExactly(leaked.getApiToken().getName());
    tokens.deleteApiToken(DeleteApiTokenRequest.newBuilder().setName(leaked.getApiToken().getName()).build());
    assertCode(Status.Code.UNAUTHENTICATED, () -> auth(bearer(leaked.getSecret()))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));

    assertCode(Status.Code.PERMISSION_DENIED, () -> tokens.deleteApiToken(
        DeleteApiTokenRequest.newBuilder().setName(holdersToken.getApiToken().getName()).build()));
    assertThat(auth(bearer(holdersToken.getSecret())).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance())
        .getPrincipal()).isEqualTo(holder.getName());
  }

  @Test
  void deactivatingAUserStopsTheirTokensOnTheNextCall() {
    setApiAccess(memberRole, true);
    User member = createUser("sabbatical", memberRole);
    String token = createToken(as(member), member).getSecret();

    users(as(holder)).deactivateUser(DeactivateUserRequest.newBuilder().setName(member.getName()).build());
    assertCode(Status.Code.UNAUTHENTICATED, () -> auth(bearer(token)).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));
    assertCode(Status.Code.UNAUTHENTICATED, () -> auth(as(member)).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));

    users(as(holder)).reactivateUser(ReactivateUserRequest.newBuilder().setName(member.getName()).build());
    assertThat(auth(bearer(token)).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()).getPrincipal())
        .isEqualTo(member.getName());

    users(as(holder)).deleteUser(DeleteUserRequest.newBuilder().setName(member.getName()).build());
    assertCode(Status.Code.UNAUTHENTICATED, () -> auth(bearer(token)).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()));
    assertThat(users(as(holder)).listUsers(ListUsersRequest.getDefaultInstance()).getUsersList())
        .extracting(User::getName).doesNotContain(member.getName());
  }

  @Test
  void theAccountHolderIsTouchedByTheAccountHolderAloneAndCanHandTheTitleOn() {
    Role admins = roles(as(holder)).listRoles(ListRolesRequest.getDefaultInstance()).getRolesList().stream()
        .filter(r -> r.getDisplayName().equals("Administrator")).findFirst().orElseThrow();
    User admin = createUser("admin", admins);

    assertCode(Status.Code.PERMISSION_DENIED, () -> users(as(admin)).updateUser(UpdateUserRequest.newBuilder()
        .setUser(holder.toBuilder().setDisplayName("Renamed by admin").clearEtag())
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build()));
    assertCode(Status.Code.PERMISSION_DENIED, () -> users(as(admin)).deactivateUser(
        DeactivateUserRequest.newBuilder().setName(holder.getName()).build()));
    assertCode(Status.Code.PERMISSION_DENIED, () -> users(as(admin)).deleteUser(
        DeleteUserRequest.newBuilder().setName(holder.getName()).build()));
    assertCode(Status.Code.PERMISSION_DENIED, () -> users(as(admin)).transferAccountHolder(
        TransferAccountHolderRequest.newBuilder().setName(admin.getName()).build()));
    assertCode(Status.Code.FAILED_PRECONDITION, () -> users(as(holder)).deactivateUser(
        DeactivateUserRequest.newBuilder().setName(holder.getName()).build()));
    assertCode(Status.Code.FAILED_PRECONDITION, () -> users(as(holder)).deleteUser(
        DeleteUserRequest.newBuilder().setName(holder.getName()).build()));

    User newHolder = users(as(holder)).transferAccountHolder(
        TransferAccountHolderRequest.newBuilder().setName(admin.getName()).build());

    assertThat(newHolder.getAccountHolder()).isTrue();
    assertCode(Status.Code.PERMISSION_DENIED, () -> users(as(holder)).transferAccountHolder(
        TransferAccountHolderRequest.newBuilder().setName(holder.getName()).build()));
    // The former holder is an ordinary administrator now, and may be deactivated by the new one.
    users(as(admin)).deactivateUser(DeactivateUserRequest.newBuilder().setName(holder.getName()).build());
  }

  @Test
  void rolesInUseCannotBeDeletedAndNobodyEscalates() {
    Role narrow = roles(as(holder)).createRole(CreateRoleRequest.newBuilder().setRole(Role.newBuilder()
        .setDisplayName("Ticket readers").addGrants(Grant.newBuilder().setDataModel("tickets")
            .addActions(Action.ACTION_READ).build())).build());
    Role userAdmins = roles(as(holder)).createRole(CreateRoleRequest.newBuilder().setRole(Role.newBuilder()
        .setDisplayName("User admins").addGrants(Grant.newBuilder().setDataModel("users")
            .addActions(Action.ACTION_READ).addActions(Action.ACTION_CREATE).addActions(Action.ACTION_UPDATE)
            .build())).build());
    User reader = createUser("reader", narrow);
    User userAdmin = createUser("useradmin", userAdmins);

    assertCode(Status.Code.FAILED_PRECONDITION, () -> roles(as(holder)).deleteRole(
        DeleteRoleRequest.newBuilder().setName(narrow.getName()).build()));
    // A user admin cannot give anyone (themself included) a role with grants they lack.
    assertCode(Status.Code.PERMISSION_DENIED, () -> users(as(userAdmin)).updateUser(UpdateUserRequest.newBuilder()
        .setUser(User.newBuilder().setName(userAdmin.getName()).setRole(memberRole.getName()))
        .setUpdateMask(FieldMask.newBuilder().addPaths("role")).build()));
    assertCode(Status.Code.ALREADY_EXISTS, () -> users(as(holder)).createUser(CreateUserRequest.newBuilder()
        .setUser(User.newBuilder().setEmail(reader.getEmail().toUpperCase()).setDisplayName("Twin")
            .setRole(narrow.getName())).build()));
  }

  private User createUser(String name, Role role) {
    return users(as(holder)).createUser(CreateUserRequest.newBuilder().setUser(User.newBuilder()
        .setEmail(name + "-" + System.nanoTime() + "@team.test").setDisplayName(name).setRole(role.getName()))
        .build());
  }

  private void setApiAccess(Role role, boolean access) {
    roles(as(holder)).updateRole(UpdateRoleRequest.newBuilder()
        .setRole(Role.newBuilder().setName(role.getName()).setApiAccess(access))
        .setUpdateMask(FieldMask.newBuilder().addPaths("api_access")).build());
  }

  private static dev.latchkey.proto.v1.CreateApiTokenResponse createToken(CallCredentials as, User owner) {
    return ApiTokenServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(as)
        .createApiToken(CreateApiTokenRequest.newBuilder().setParent(owner.getName())
            .setApiToken(ApiToken.newBuilder().setDisplayName("laptop")).build());
  }

  /** The operator acting for {@code user}, as the product's web app does for a signed-in person. */
  private CallCredentials as(User user) {
    return actAsWith(latchkey.operatorToken(), tenant.getTenant().getName() + "/" + user.getName());
  }

  private CallCredentials actAsWith(String token, User user) {
    return actAsWith(token, tenant.getTenant().getName() + "/" + user.getName());
  }

  private static CallCredentials actAsWith(String token, String actAs) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        headers.put(Metadata.Key.of("latchkey-act-as", Metadata.ASCII_STRING_MARSHALLER), actAs);
        applier.apply(headers);
      }
    };
  }

  private static <T> List<T> eventually(java.util.function.Supplier<List<T>> read) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<T> value = read.get();
    while (value.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      value = read.get();
    }
    return value;
  }

  private static UserServiceGrpc.UserServiceBlockingStub users(CallCredentials as) {
    return UserServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(as);
  }

  private static RoleServiceGrpc.RoleServiceBlockingStub roles(CallCredentials as) {
    return RoleServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(as);
  }

  private static AuthServiceGrpc.AuthServiceBlockingStub auth(CallCredentials as) {
    return AuthServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(as);
  }

  private static void assertCode(Status.Code code, Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code));
  }
}
