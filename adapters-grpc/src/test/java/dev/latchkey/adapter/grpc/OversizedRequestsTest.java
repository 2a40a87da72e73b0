package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import dev.latchkey.adapter.grpc.support.BadFields;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.proto.v1.CreateRoleRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.Role;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.UpdateRoleRequest;
import dev.latchkey.proto.v1.UpdateUserRequest;
import dev.latchkey.proto.v1.User;
import dev.latchkey.proto.v1.UserServiceGrpc;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests with about a million repeated entries (about 1 MiB, within the server's 4 MiB message limit)
 * are refused after counting, before their entries are looked at: a short error, little memory.
 */
class OversizedRequestsTest {
  /** One byte per packed value: a million values is just under 1 MiB. */
  private static final int A_MILLION = 1_000_000;
  /** Generous for one refused call; building a violation per entry took hundreds of megabytes. */
  private static final long MAX_ALLOCATED_BYTES = 64L << 20;

  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final RoleServiceGrpc.RoleServiceBlockingStub roles;
  private final UserServiceGrpc.UserServiceBlockingStub users;

  OversizedRequestsTest() {
    String token = TestValues.personalToken();
    useCases.accept(token, TestValues.member(TestValues.tenantId(), PermissionSet.all()));
    roles = RoleServiceGrpc.newBlockingStub(api.bearer(token));
    users = UserServiceGrpc.newBlockingStub(api.bearer(token));
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  @Test
  void aGrantWithAMillionUnknownActionsIsRefusedWithOneShortViolation() {
    CreateRoleRequest request = CreateRoleRequest.newBuilder()
        .setRole(Role.newBuilder().setDisplayName("Flood").addGrants(grantWithActions("tickets", 99)))
        .build();

    List<BadRequest.FieldViolation> violations = refusedCheaply(() -> roles.createRole(request));

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.getField()).isEqualTo("role.grants[0].actions");
      assertThat(v.getDescription()).isEqualTo("at most 4 actions, each once");
    });
    assertThat(useCases.createdRoles).isEmpty();
  }

  @Test
  void everyGrantWithAMillionRepeatedActionsStillMakesOnlyOneViolationEach() {
    Role.Builder role = Role.newBuilder().setDisplayName("Flood");
    for (String model : List.of("companies", "end_users", "tickets")) {
      role.addGrants(grantWithActions(model, dev.latchkey.proto.v1.Action.ACTION_READ_VALUE, A_MILLION / 3));
    }
    UpdateRoleRequest request = UpdateRoleRequest.newBuilder()
        .setRole(role.setName("roles/3f2504e0-4f89-41d3-9a0c-0305e82c3301"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("grants"))
        .build();

    List<BadRequest.FieldViolation> violations = refusedCheaply(() -> roles.updateRole(request));

    assertThat(violations).extracting(BadRequest.FieldViolation::getField)
        .containsExactly("role.grants[0].actions", "role.grants[1].actions", "role.grants[2].actions");
    assertThat(useCases.updatedRoles).isEmpty();
  }

  @Test
  void anUpdateMaskWithAHundredThousandPathsIsRefusedWithOneViolation() {
    FieldMask mask = FieldMask.newBuilder().addAllPaths(Collections.nCopies(100_000, "no_such_field")).build();
    UpdateUserRequest request = UpdateUserRequest.newBuilder()
        .setUser(User.newBuilder().setName("users/3f2504e0-4f89-41d3-9a0c-0305e82c3301"))
        .setUpdateMask(mask)
        .build();

    List<BadRequest.FieldViolation> violations = refusedCheaply(() -> users.updateUser(request));

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.getField()).isEqualTo("update_mask");
      assertThat(v.getDescription()).startsWith("must name at most 4 paths");
    });
    assertThat(useCases.updatedUsers).isEmpty();
  }

  @Test
  void aRoleUpdateWithAHugeMaskAndHugeGrantsReportsAtMostTwentyViolations() {
    Role.Builder role = Role.newBuilder().setName("roles/not-a-uuid").setDisplayName("\u0000");
    for (String model : List.of("companies", "end_users", "tickets", "no_such_model")) {
      role.addGrants(grantWithActions(model, 99, 10_000));
    }
    UpdateRoleRequest request = UpdateRoleRequest.newBuilder()
        .setRole(role)
        .setUpdateMask(FieldMask.newBuilder().addAllPaths(Collections.nCopies(10_000, "grants")))
        .build();

    List<BadRequest.FieldViolation> violations = refusedCheaply(() -> roles.updateRole(request));

    assertThat(violations).hasSizeLessThanOrEqualTo(20).isNotEmpty();
  }

  /**
   * The violations of the INVALID_ARGUMENT {@code call} ends with, after checking that there are at
   * most 20 and that serving the call allocated little (the in-process server runs the handler on
   * this thread).
   */
  private static List<BadRequest.FieldViolation> refusedCheaply(ThrowingCallable call) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().threadId();
    long before = threads.getThreadAllocatedBytes(tid);
    List<BadRequest.FieldViolation> violations = BadFields.violations(call);
    long allocated = threads.getThreadAllocatedBytes(tid) - before;

    assertThat(allocated).as("bytes allocated while serving the call").isLessThan(MAX_ALLOCATED_BYTES);
    assertThat(violations).hasSizeLessThanOrEqualTo(20);
    return violations;
  }

  private static Grant grantWithActions(String model, int actionValue) {
    return grantWithActions(model, actionValue, A_MILLION);
  }

  private static Grant grantWithActions(String model, int actionValue, int count) {
    Grant.Builder grant = Grant.newBuilder().setDataModel(model);
    for (int i = 0; i < count; i++) {
      grant.addActionsValue(actionValue);
    }
    return grant.build();
  }
}
