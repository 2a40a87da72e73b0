package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import dev.latchkey.adapter.grpc.support.BadFields;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.Refusal;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.paging.Page;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.proto.v1.CreateRoleRequest;
import dev.latchkey.proto.v1.DeleteRoleRequest;
import dev.latchkey.proto.v1.GetRoleRequest;
import dev.latchkey.proto.v1.ListRolesRequest;
import dev.latchkey.proto.v1.ListRolesResponse;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.UpdateRoleRequest;
import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleGrpcServiceTest {
  private static final String UUID_TEXT = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final Principal.TenantPrincipal admin =
      TestValues.member(TestValues.tenantId(), PermissionSet.all());
  private final RoleServiceGrpc.RoleServiceBlockingStub roles;

  RoleGrpcServiceTest() {
    String token = TestValues.personalToken();
    useCases.accept(token, admin);
    roles = RoleServiceGrpc.newBlockingStub(api.bearer(token));
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void createRolePassesDisplayNameGrantsAndApiAccessOnAndReturnsTheRole() {
    dev.latchkey.proto.v1.Role created = roles.createRole(CreateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder()
            .setDisplayName("  Support agent ")
            .addGrants(grant("tickets", dev.latchkey.proto.v1.Action.ACTION_READ,
                dev.latchkey.proto.v1.Action.ACTION_UPDATE))
            .setApiAccess(true))
        .build());

    assertThat(useCases.callers).containsExactly(admin);
    assertThat(useCases.createdRoles).singleElement().satisfies(command -> {
      assertThat(command.displayName().value()).isEqualTo("Support agent");
      assertThat(command.grants().grants()).containsExactly(Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE));
      assertThat(command.apiAccess()).isTrue();
    });
    assertThat(created.getName()).startsWith("roles/");
    assertThat(created.getDisplayName()).isEqualTo("Support agent");
    assertThat(created.getApiAccess()).isTrue();
    assertThat(created.getEtag()).isEqualTo("v1");
  }

  @Test
  void createRoleWithEveryFieldWrongListsEachBadFieldAndNeverCallsTheUseCase() {
    CreateRoleRequest request = CreateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder()
            .setName("roles/" + UUID_TEXT)
            .setDisplayName(" ")
            .addGrants(grant("spaceships", dev.latchkey.proto.v1.Action.ACTION_READ))
            .addGrants(grant("companies"))
            .addGrants(dev.latchkey.proto.v1.Grant.newBuilder().setDataModel("tickets").addActionsValue(99)))
        .build();

    assertThat(BadFields.of(() -> roles.createRole(request))).containsExactlyInAnyOrder(
        "role.display_name", "role.grants[0].data_model", "role.grants[1].actions", "role.grants[2].actions",
        "role.name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void createRoleWithTwoGrantsOnOneDataModelIsRefusedOnTheSecond() {
    CreateRoleRequest request = CreateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder()
            .setDisplayName("Twice")
            .addGrants(grant("companies", dev.latchkey.proto.v1.Action.ACTION_READ))
            .addGrants(grant("companies", dev.latchkey.proto.v1.Action.ACTION_DELETE)))
        .build();

    assertThat(BadFields.of(() -> roles.createRole(request))).containsExactly("role.grants[1].data_model");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void createRoleWithoutARoleMessageIsRefusedOnTheDisplayName() {
    assertThat(BadFields.of(() -> roles.createRole(CreateRoleRequest.getDefaultInstance())))
        .containsExactly("role.display_name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "roles/", "roles/admin", "users/" + UUID_TEXT, UUID_TEXT,
      "roles/3F2504E0-4F89-41D3-9A0C-0305E82C3301", "roles/" + UUID_TEXT + "/x"})
  void roleNamesThatAreNotRoleNamesAreRefusedOnNameForGetAndDelete(String name) {
    assertThat(BadFields.of(() -> roles.getRole(GetRoleRequest.newBuilder().setName(name).build())))
        .containsExactly("name");
    assertThat(BadFields.of(() -> roles.deleteRole(DeleteRoleRequest.newBuilder().setName(name).build())))
        .containsExactly("name");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void getRoleLooksUpTheIdInTheName() {
    Role role = TestValues.role(admin.tenantId(), PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)), false);
    useCases.roles.put(role.id(), role);

    dev.latchkey.proto.v1.Role found = roles.getRole(GetRoleRequest.newBuilder().setName(role.resourceName()).build());

    assertThat(useCases.roleLookups).containsExactly(role.id());
    assertThat(found.getName()).isEqualTo(role.resourceName());
    assertThat(found.getGrantsList()).extracting(dev.latchkey.proto.v1.Grant::getDataModel).containsExactly("companies");
  }

  @Test
  void getRoleOfAnUnknownIdIsNotFound() {
    Refusal refusal = Refusal.of(() -> roles.getRole(GetRoleRequest.newBuilder().setName("roles/" + UUID_TEXT).build()));

    assertThat(refusal.code()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void listRolesPassesThePagingOnAndReturnsTheNextPageToken() {
    Role first = TestValues.role(admin.tenantId(), PermissionSet.none(), false);
    Role second = TestValues.role(admin.tenantId(), PermissionSet.all(), true);
    useCases.nextRolePage = new Page<>(List.of(first, second), Optional.of("next"));

    ListRolesResponse response =
        roles.listRoles(ListRolesRequest.newBuilder().setPageSize(2).setPageToken("this").build());

    assertThat(useCases.rolePageRequests).containsExactly("2:this");
    assertThat(response.getRolesList()).extracting(dev.latchkey.proto.v1.Role::getName)
        .containsExactly(first.resourceName(), second.resourceName());
    assertThat(response.getNextPageToken()).isEqualTo("next");
  }

  @Test
  void updateRoleChangesOnlyTheFieldsInTheMaskAndPassesTheEtagVersion() {
    Role role = TestValues.role(admin.tenantId(), PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)), true);
    useCases.roles.put(role.id(), role);

    dev.latchkey.proto.v1.Role updated = roles.updateRole(UpdateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder()
            .setName(role.resourceName())
            .setDisplayName("ignored, not in the mask")
            .setApiAccess(false)
            .setEtag("v3"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("api_access"))
        .build());

    assertThat(useCases.updatedRoles).singleElement().satisfies(command -> {
      assertThat(command.id()).isEqualTo(role.id());
      assertThat(command.displayName()).isEmpty();
      assertThat(command.grants()).isEmpty();
      assertThat(command.apiAccess()).contains(false);
      assertThat(command.expectedVersion()).isEqualTo(OptionalLong.of(3));
    });
    assertThat(updated.getApiAccess()).isFalse();
    assertThat(updated.getDisplayName()).isEqualTo("Support agent");
    assertThat(updated.getEtag()).isEqualTo("v4");
  }

  @Test
  void updateRoleWithoutAnEtagExpectsNoVersionAndCanEmptyTheGrants() {
    Role role = TestValues.role(admin.tenantId(), PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)), true);
    useCases.roles.put(role.id(), role);

    dev.latchkey.proto.v1.Role updated = roles.updateRole(UpdateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder().setName(role.resourceName()).setDisplayName("Agent"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name").addPaths("grants"))
        .build());

    assertThat(useCases.updatedRoles).singleElement().satisfies(command -> {
      assertThat(command.displayName()).hasValueSatisfying(n -> assertThat(n.value()).isEqualTo("Agent"));
      assertThat(command.grants()).contains(PermissionSet.none());
      assertThat(command.apiAccess()).isEmpty();
      assertThat(command.expectedVersion()).isEmpty();
    });
    assertThat(updated.getGrantsList()).isEmpty();
  }

  @Test
  void updateRoleWithEveryFieldWrongListsEachBadFieldAndNeverCallsTheUseCase() {
    UpdateRoleRequest request = UpdateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder()
            .setName("roles/admin")
            .setDisplayName("")
            .addGrants(grant("", dev.latchkey.proto.v1.Action.ACTION_READ))
            .setEtag("\"v3\""))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name").addPaths("grants"))
        .build();

    assertThat(BadFields.of(() -> roles.updateRole(request))).containsExactlyInAnyOrder(
        "role.name", "role.display_name", "role.grants[0].data_model", "role.etag");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void updateRoleWithoutAMaskIsRefusedOnTheMask() {
    UpdateRoleRequest request = UpdateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder().setName("roles/" + UUID_TEXT).setDisplayName("Agent"))
        .build();

    assertThat(BadFields.of(() -> roles.updateRole(request))).containsExactly("update_mask");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "etag", "create_time", "grants.data_model", "displayName", "*"})
  void updateRoleWithAPathOutsideTheUpdatableFieldsIsRefusedOnTheMask(String path) {
    UpdateRoleRequest request = UpdateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder().setName("roles/" + UUID_TEXT).setDisplayName("Agent"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name").addPaths(path))
        .build();

    assertThat(BadFields.of(() -> roles.updateRole(request))).containsExactly("update_mask");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void updateRoleNamingAPathTwiceIsRefusedOnTheMask() {
    UpdateRoleRequest request = UpdateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder().setName("roles/" + UUID_TEXT).setApiAccess(true))
        .setUpdateMask(FieldMask.newBuilder().addPaths("api_access").addPaths("api_access"))
        .build();

    assertThat(BadFields.of(() -> roles.updateRole(request))).containsExactly("update_mask");
    assertThat(useCases.useCaseCalls()).isZero();
  }

  @Test
  void staleEtagIsAborted() {
    useCases.failure = new ConflictException("the role was changed since it was read");

    Refusal refusal = Refusal.of(() -> roles.updateRole(UpdateRoleRequest.newBuilder()
        .setRole(dev.latchkey.proto.v1.Role.newBuilder().setName("roles/" + UUID_TEXT).setEtag("v2"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("api_access"))
        .build()));

    assertThat(refusal.code()).isEqualTo(Status.Code.ABORTED);
  }

  @Test
  void deleteRolePassesTheIdOnAndAnAssignedRoleIsAFailedPrecondition() {
    roles.deleteRole(DeleteRoleRequest.newBuilder().setName("roles/" + UUID_TEXT).build());
    assertThat(useCases.deletedRoles).extracting(Object::toString).containsExactly(UUID_TEXT);

    useCases.failure = new FailedPreconditionException("the role is still assigned to 2 users");
    Refusal refusal = Refusal.of(() -> roles.deleteRole(DeleteRoleRequest.newBuilder()
        .setName("roles/" + UUID_TEXT).build()));
    assertThat(refusal.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  private static dev.latchkey.proto.v1.Grant grant(String model, dev.latchkey.proto.v1.Action... actions) {
    return dev.latchkey.proto.v1.Grant.newBuilder().setDataModel(model).addAllActions(List.of(actions)).build();
  }
}
