package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.FieldMask;
import com.google.rpc.BadRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateRoleRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.Role;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.UpdatePrivateAppRequest;
import dev.latchkey.proto.v1.UpdateRoleRequest;
import dev.latchkey.proto.v1.UpdateUserRequest;
import dev.latchkey.proto.v1.User;
import dev.latchkey.proto.v1.UserServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 item 1 through the real server: a caller allowed to write roles, apps and users sends
 * requests with about a million packed actions or a huge update mask (as much as the message size
 * limit lets in). Each is refused INVALID_ARGUMENT with at most 20 violations in small trailers.
 */
class OversizedRequestsEndToEndTest {
  @RegisterExtension static final RunningLatchkey latchkey = new RunningLatchkey();

  private static final int A_MILLION_ACTIONS = 1_000_000;
  private static final int MAX_TRAILER_BYTES = 4 << 10;

  private static CreateTenantResponse acme;
  private static PrivateApp app;

  @BeforeAll
  static void createTenantAndApp() {
    acme = TenantServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(latchkey.operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder()
            .setTenant(Tenant.newBuilder().setDisplayName("Acme"))
            .setOwnerEmail("admin@acme.test")
            .setOwnerDisplayName("Admin")
            .build());
    app = apps().createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Sync")
            .addGrants(Grant.newBuilder().setDataModel("tickets").addActionsValue(1)))
        .build());
  }

  @Test
  void createRoleWithAMillionActionsIsRefusedWithSmallTrailers() {
    assertRefusedBriefly(() -> roles().createRole(CreateRoleRequest.newBuilder()
        .setRole(Role.newBuilder().setDisplayName("Flood").addGrants(flood("tickets")))
        .build()));
  }

  @Test
  void updateRoleWithAMillionActionsIsRefusedWithSmallTrailers() {
    assertRefusedBriefly(() -> roles().updateRole(UpdateRoleRequest.newBuilder()
        .setRole(Role.newBuilder().setName(acme.getOwner().getRole()).addGrants(flood("tickets")))
        .setUpdateMask(FieldMask.newBuilder().addPaths("grants"))
        .build()));
  }

  @Test
  void createPrivateAppWithAMillionActionsIsRefusedWithSmallTrailers() {
    assertRefusedBriefly(() -> apps().createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Flood").addGrants(flood("companies")))
        .build()));
  }

  @Test
  void updatePrivateAppWithAMillionActionsIsRefusedWithSmallTrailers() {
    assertRefusedBriefly(() -> apps().updatePrivateApp(UpdatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setName(app.getName()).addGrants(flood("companies")))
        .setUpdateMask(FieldMask.newBuilder().addPaths("grants"))
        .build()));
  }

  @Test
  void updateUserWithAHugeUpdateMaskIsRefusedWithSmallTrailers() {
    // 300,000 unknown paths of three bytes each on the wire: about 900 KB.
    FieldMask mask = FieldMask.newBuilder().addAllPaths(Collections.nCopies(300_000, "x")).build();

    assertRefusedBriefly(() -> UserServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(acme.getOwnerTokenSecret()))
        .withDeadlineAfter(60, TimeUnit.SECONDS)
        .updateUser(UpdateUserRequest.newBuilder()
            .setUser(User.newBuilder().setName(acme.getOwner().getName()).setDisplayName("x"))
            .setUpdateMask(mask)
            .build()));
  }

  private static void assertRefusedBriefly(ThrowingCallable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);

    assertThat(e).as("the call should have failed").isNotNull();
    assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(trailerBytes(e.getTrailers())).isLessThan(MAX_TRAILER_BYTES);
    List<BadRequest.FieldViolation> violations = badRequest(e).getFieldViolationsList();
    assertThat(violations).isNotEmpty().hasSizeLessThanOrEqualTo(20);
  }

  private static BadRequest badRequest(StatusRuntimeException e) {
    try {
      return StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
      throw new AssertionError(ex);
    }
  }

  private static int trailerBytes(Metadata trailers) {
    int bytes = 0;
    for (String key : trailers.keys()) {
      bytes += key.length();
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value : trailers.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
          bytes += value.length;
        }
      } else {
        for (String value : trailers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
          bytes += value.getBytes(StandardCharsets.US_ASCII).length;
        }
      }
    }
    return bytes;
  }

  /** A grant naming READ a million times: one byte each when packed, just under the message limit. */
  private static Grant flood(String model) {
    Grant.Builder grant = Grant.newBuilder().setDataModel(model);
    for (int i = 0; i < A_MILLION_ACTIONS; i++) {
      grant.addActionsValue(1);
    }
    return grant.build();
  }

  private static RoleServiceGrpc.RoleServiceBlockingStub roles() {
    return RoleServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(acme.getOwnerTokenSecret()))
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static PrivateAppServiceGrpc.PrivateAppServiceBlockingStub apps() {
    return PrivateAppServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(acme.getOwnerTokenSecret()))
        .withDeadlineAfter(60, TimeUnit.SECONDS);
  }
}
