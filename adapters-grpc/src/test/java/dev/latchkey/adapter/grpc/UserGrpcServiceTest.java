package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import dev.latchkey.adapter.grpc.support.BadFields;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.Refusal;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.user.User;
import dev.latchkey.proto.v1.CreateUserRequest;
import dev.latchkey.proto.v1.DeactivateUserRequest;
import dev.latchkey.proto.v1.DeleteUserRequest;
import dev.latchkey.proto.v1.GetUserRequest;
import dev.latchkey.proto.v1.ListUsersRequest;
import dev.latchkey.proto.v1.ListUsersResponse;
import dev.latchkey.proto.v1.ReactivateUserRequest;
import dev.latchkey.proto.v1.TransferAccountHolderRequest;
import dev.latchkey.proto.v1.UpdateUserRequest;
import dev.latchkey.proto.v1.UserServiceGrpc;
import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserGrpcServiceTest {
  private static final String ROLE = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
  private static final String USER = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";

  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final Principal.TenantPrincipal admin = TestValues.member(TestValues.tenantId(), PermissionSet.all());
  private final UserServiceGrpc.UserServiceBlockingStub users;

  UserGrpcServiceTest() {
    String token = TestValues.personalToken();
    useCases.accept(token, admin);
    users = UserServiceGrpc.newBlockingStub(api.bearer(token));
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void createUserPassesTheTrimmedValuesOnAndReturnsAnActiveMember() {
    dev.latchkey.proto.v1.User created = users.createUser(CreateUserRequest.newBuilder()
        .setUser(dev.latchkey.proto.v1.User.newBuilder()
            .setEmail(" Grace@Example.com ")
            .setDisplayName("Grace Hopper\t")
            .setRole("roles/" + ROLE))
        .build());

    assertThat(useCases.callers).containsExactly(admin);
    assertThat(useCases.createdUsers).singleElement().satisfies(command -> {
      assertThat(command.email().value()).isEqualTo("Grace@Example.com");
      assertThat(command.displayName().value()).isEqualTo("Grace Hopper");
      assertThat(command.role().toString()).isEqualTo(ROLE);
    });
    assertThat(created.getName()).startsWith("users/");
    assertThat(created.getRole()).isEqualTo("roles/" + ROLE);
    assertThat(created.getState()).isEqualTo(dev.latchkey.proto.v1.User.State.STATE_ACTIVE);
    assertThat(created.getAccountHolder()).isFalse();
    assertThat(created.getEtag()).isEqualTo("v1");
  }

  @Test
  void createUserWithEveryFieldWrongListsEachBadFieldAndNeverCallsTheUseCase() {
    CreateUserRequest request = CreateUserRequest.newBuilder()
        .setUser(dev.latchkey.proto.v1.User.newBuilder()
            .setName("users/" + USER)
            .setEmail("not an email")
            .setDisplayName("")
            .setRole("admin")
            .setAccountHolder(true)
            .setState(dev.latchkey.proto.v1.User.State.STATE_DEACTIVATED))
        .build();

    assertThat(BadFields.of(() -> users.createUser(request))).containsExactlyInAnyOrder(
        "user.email", "user.display_name", "user.role", "user.name", "user.account_holder", "user.state");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ada", "ada@", "@example.com", "ada@example", "ada..l@example.com", ".ada@example.com",
      "ada@@example.com", "ada lovelace@example.com"})
  void createUserWithABadEmailIsRefusedOnThatFieldOnly(String email) {
    CreateUserRequest request = validCreateRequest(email, "Ada", "roles/" + ROLE);

    assertThat(BadFields.of(() -> users.createUser(request))).containsExactly("user.email");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void createUserWithAnOverlongEmailIsRefused() {
    String email = "a".repeat(65) + "@example.com";

    assertThat(BadFields.of(() -> users.createUser(validCreateRequest(email, "Ada", "roles/" + ROLE))))
        .containsExactly("user.email");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void createUserWithAnEmptyDisplayNameIsRefusedOnThatFieldOnly(String displayName) {
    CreateUserRequest request = validCreateRequest("ada@example.com", displayName, "roles/" + ROLE);

    assertThat(BadFields.of(() -> users.createUser(request))).containsExactly("user.display_name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "admin", "roles/admin", "roles/", ROLE, "users/" + ROLE,
      "roles/3F2504E0-4F89-41D3-9A0C-0305E82C3301", "roles/" + ROLE + "/x"})
  void createUserWithARoleThatIsNotARoleNameIsRefusedOnTheRole(String role) {
    CreateUserRequest request = validCreateRequest("ada@example.com", "Ada", role);

    assertThat(BadFields.of(() -> users.createUser(request))).containsExactly("user.role");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void aDuplicateEmailIsAlreadyExists() {
    useCases.failure = new AlreadyExistsException("a user with this email exists");

    Refusal refusal = Refusal.of(() -> users.createUser(validCreateRequest("ada@example.com", "Ada", "roles/" + ROLE)));

    assertThat(refusal.code()).isEqualTo(Status.Code.ALREADY_EXISTS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "users/", "users/grace", "roles/" + USER, USER, "users/" + USER + "/tokens/" + ROLE,
      "tenants/" + ROLE + "/users/" + USER})
  void userNamesThatAreNotUserNamesAreRefusedOnNameByEveryRpcThatTakesOne(String name) {
    assertThat(BadFields.of(() -> users.getUser(GetUserRequest.newBuilder().setName(name).build())))
        .containsExactly("name");
    assertThat(BadFields.of(() -> users.deactivateUser(DeactivateUserRequest.newBuilder().setName(name).build())))
        .containsExactly("name");
    assertThat(BadFields.of(() -> users.reactivateUser(ReactivateUserRequest.newBuilder().setName(name).build())))
        .containsExactly("name");
    assertThat(BadFields.of(() -> users.deleteUser(DeleteUserRequest.newBuilder().setName(name).build())))
        .containsExactly("name");
    assertThat(BadFields.of(() -> users.transferAccountHolder(
        TransferAccountHolderRequest.newBuilder().setName(name).build()))).containsExactly("name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void getUserLooksUpTheIdInTheName() {
    User user = storedUser();

    dev.latchkey.proto.v1.User found = users.getUser(GetUserRequest.newBuilder().setName(user.resourceName()).build());

    assertThat(useCases.userLookups).containsExactly(user.id());
    assertThat(found.getEmail()).isEqualTo("grace@example.com");
  }

  @Test
  void getUserOfAnUnknownIdIsNotFound() {
    Refusal refusal = Refusal.of(() -> users.getUser(GetUserRequest.newBuilder().setName("users/" + USER).build()));

    assertThat(refusal.code()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void listUsersWithoutAFilterPassesThePagingOnAndReturnsTheNextPageToken() {
    User first = storedUser();
    User second = storedUser();
    useCases.nextUserPage = new Page<>(List.of(first, second), Optional.of("next"));

    ListUsersResponse response = users.listUsers(ListUsersRequest.newBuilder().setPageSize(2).setPageToken("this")
        .setFilter("  ").build());

    assertThat(useCases.userPageRequests).containsExactly("2:this:-:-");
    assertThat(response.getUsersList()).extracting(dev.latchkey.proto.v1.User::getName)
        .containsExactly(first.resourceName(), second.resourceName());
    assertThat(response.getNextPageToken()).isEqualTo("next");
  }

  @Test
  void listUsersFiltersByRoleByStateOrByBoth() {
    users.listUsers(ListUsersRequest.newBuilder().setFilter("role = \"roles/" + ROLE + "\"").build());
    users.listUsers(ListUsersRequest.newBuilder().setFilter("state = STATE_ACTIVE").build());
    users.listUsers(ListUsersRequest.newBuilder().setFilter("state=STATE_DEACTIVATED").build());
    users.listUsers(ListUsersRequest.newBuilder()
        .setFilter(" role = \"roles/" + ROLE + "\" AND state = STATE_DEACTIVATED ").build());
    users.listUsers(ListUsersRequest.newBuilder()
        .setFilter("state = STATE_ACTIVE AND role=\"roles/" + ROLE + "\"").build());

    assertThat(useCases.userPageRequests).containsExactly(
        "0::" + ROLE + ":-",
        "0::-:ACTIVE",
        "0::-:DEACTIVATED",
        "0::" + ROLE + ":DEACTIVATED",
        "0::" + ROLE + ":ACTIVE");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "state = ACTIVE",
      "state = STATE_UNSPECIFIED",
      "state = \"STATE_ACTIVE\"",
      "State = STATE_ACTIVE",
      "role = roles/" + ROLE,
      "role = \"" + ROLE + "\"",
      "role = \"roles/admin\"",
      "role = \"roles/\"",
      "role != \"roles/" + ROLE + "\"",
      "state = STATE_ACTIVE and role = \"roles/" + ROLE + "\"",
      "state = STATE_ACTIVE OR state = STATE_DEACTIVATED",
      "state = STATE_ACTIVE AND state = STATE_DEACTIVATED",
      "state = STATE_ACTIVE AND ",
      "AND state = STATE_ACTIVE",
      "email = \"ada@example.com\"",
      "display_name = \"Ada\""})
  void listUsersWithAnUnsupportedFilterIsRefusedOnTheFilter(String filter) {
    List<BadRequest.FieldViolation> violations = BadFields.violations(
        () -> users.listUsers(ListUsersRequest.newBuilder().setFilter(filter).build()));

    assertThat(violations).extracting(BadRequest.FieldViolation::getField).containsExactly("filter");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void listUsersWithAnOverlongFilterIsRefusedWithoutParsingIt() {
    String filter = "state = STATE_ACTIVE" + " ".repeat(300);

    assertThat(BadFields.of(() -> users.listUsers(ListUsersRequest.newBuilder().setFilter(filter).build())))
        .containsExactly("filter");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void updateUserChangesOnlyTheFieldsInTheMaskAndPassesTheEtagVersion() {
    User user = storedUser();
    String newRole = UUID.randomUUID().toString();

    dev.latchkey.proto.v1.User updated = users.updateUser(UpdateUserRequest.newBuilder()
        .setUser(dev.latchkey.proto.v1.User.newBuilder()
            .setName(user.resourceName())
            .setDisplayName("not in the mask")
            .setRole("roles/" + newRole)
            .setEtag("v4"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("role"))
        .build());

    assertThat(useCases.updatedUsers).singleElement().satisfies(command -> {
      assertThat(command.id()).isEqualTo(user.id());
      assertThat(command.displayName()).isEmpty();
      assertThat(command.role()).map(RoleId::toString).contains(newRole);
      assertThat(command.expectedVersion()).isEqualTo(OptionalLong.of(4));
    });
    assertThat(updated.getRole()).isEqualTo("roles/" + newRole);
    assertThat(updated.getDisplayName()).isEqualTo("Grace Hopper");
    assertThat(updated.getEtag()).isEqualTo("v5");
  }

  @Test
  void updateUserWithoutAnEtagExpectsNoVersion() {
    User user = storedUser();

    users.updateUser(UpdateUserRequest.newBuilder()
        .setUser(dev.latchkey.proto.v1.User.newBuilder().setName(user.resourceName()).setDisplayName("Amazing Grace"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name"))
        .build());

    assertThat(useCases.updatedUsers).singleElement().satisfies(command -> {
      assertThat(command.displayName()).hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("Amazing Grace"));
      assertThat(command.role()).isEmpty();
      assertThat(command.expectedVersion()).isEmpty();
    });
  }

  @Test
  void updateUserWithEveryFieldWrongListsEachBadFieldAndNeverCallsTheUseCase() {
    UpdateUserRequest request = UpdateUserRequest.newBuilder()
        .setUser(dev.latchkey.proto.v1.User.newBuilder()
            .setName("users/grace")
            .setDisplayName(" ")
            .setRole("roles/admin")
            .setEtag("W/\"4\""))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name").addPaths("role"))
        .build();

    assertThat(BadFields.of(() -> users.updateUser(request))).containsExactlyInAnyOrder(
        "user.name", "user.display_name", "user.role", "user.etag");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"v0", "v", "4", "v-1", "V4", "v4 ", "v12345678901234567890"})
  void updateUserWithAnEtagThisServerNeverIssuedIsRefusedOnTheEtag(String etag) {
    UpdateUserRequest request = UpdateUserRequest.newBuilder()
        .setUser(dev.latchkey.proto.v1.User.newBuilder().setName("users/" + USER).setDisplayName("Grace")
            .setEtag(etag))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name"))
        .build();

    assertThat(BadFields.of(() -> users.updateUser(request))).containsExactly("user.etag");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void updateUserWithoutAMaskIsRefusedOnTheMask() {
    UpdateUserRequest request = UpdateUserRequest.newBuilder()
        .setUser(dev.latchkey.proto.v1.User.newBuilder().setName("users/" + USER).setDisplayName("Grace"))
        .build();

    assertThat(BadFields.of(() -> users.updateUser(request))).containsExactly("update_mask");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"email", "account_holder", "state", "name", "etag", "role.name", "*", ""})
  void updateUserWithAPathOutsideDisplayNameAndRoleIsRefusedOnTheMask(String path) {
    UpdateUserRequest request = UpdateUserRequest.newBuilder()
        .setUser(dev.latchkey.proto.v1.User.newBuilder().setName("users/" + USER).setDisplayName("Grace")
            .setEmail("grace@example.com").setAccountHolder(true))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name").addPaths(path))
        .build();

    assertThat(BadFields.of(() -> users.updateUser(request))).containsExactly("update_mask");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void deactivateAndReactivateChangeTheStateOfTheNamedUser() {
    User user = storedUser();

    dev.latchkey.proto.v1.User deactivated = users.deactivateUser(
        DeactivateUserRequest.newBuilder().setName(user.resourceName()).build());
    dev.latchkey.proto.v1.User reactivated = users.reactivateUser(
        ReactivateUserRequest.newBuilder().setName(user.resourceName()).build());

    assertThat(useCases.userStateChanges).containsExactly(user.id() + " -> DEACTIVATED", user.id() + " -> ACTIVE");
    assertThat(deactivated.getState()).isEqualTo(dev.latchkey.proto.v1.User.State.STATE_DEACTIVATED);
    assertThat(reactivated.getState()).isEqualTo(dev.latchkey.proto.v1.User.State.STATE_ACTIVE);
  }

  @Test
  void deleteUserPassesTheIdOn() {
    users.deleteUser(DeleteUserRequest.newBuilder().setName("users/" + USER).build());

    assertThat(useCases.deletedUsers).extracting(Object::toString).containsExactly(USER);
  }

  @Test
  void transferAccountHolderReturnsTheNewAccountHolder() {
    User user = storedUser();

    dev.latchkey.proto.v1.User holder = users.transferAccountHolder(
        TransferAccountHolderRequest.newBuilder().setName(user.resourceName()).build());

    assertThat(useCases.accountHolderTransfers).containsExactly(user.id());
    assertThat(holder.getName()).isEqualTo(user.resourceName());
    assertThat(holder.getAccountHolder()).isTrue();
  }

  @Test
  void transferAccountHolderByAnyoneButTheAccountHolderIsPermissionDenied() {
    useCases.failure = new PermissionDeniedException("only the account holder can transfer the title");

    Refusal refusal = Refusal.of(() -> users.transferAccountHolder(
        TransferAccountHolderRequest.newBuilder().setName("users/" + USER).build()));

    assertThat(refusal.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refusal.description()).isEqualTo("only the account holder can transfer the title");
  }

  private User storedUser() {
    User user = TestValues.user(admin.tenantId(), new RoleId(UUID.fromString(ROLE)));
    useCases.users.put(user.id(), user);
    return user;
  }

  private static CreateUserRequest validCreateRequest(String email, String displayName, String role) {
    return CreateUserRequest.newBuilder()
        .setUser(dev.latchkey.proto.v1.User.newBuilder().setEmail(email).setDisplayName(displayName).setRole(role))
        .build();
  }
}
