package dev.latchkey.adapter.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FileDescriptor;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.proto.v1.AnalyticsProto;
import dev.latchkey.proto.v1.AnalyticsServiceGrpc;
import dev.latchkey.proto.v1.IngestServiceGrpc;
import dev.latchkey.proto.v1.ApiTokenProto;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuditProto;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.AuthProto;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.DataModelServiceGrpc;
import dev.latchkey.proto.v1.PermissionProto;
import dev.latchkey.proto.v1.PrivateAppProto;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.RequestLogProto;
import dev.latchkey.proto.v1.RateLimitProto;
import dev.latchkey.proto.v1.RateLimitServiceGrpc;
import dev.latchkey.proto.v1.RecordProto;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.RequestLogServiceGrpc;
import dev.latchkey.proto.v1.RoleProto;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.TenantProto;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.UserProto;
import dev.latchkey.proto.v1.UserServiceGrpc;
import dev.latchkey.proto.v1.WebhookProto;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RpcPermissionsTest {
  /** Every latchkey.v1 service. Add a new service here when you add it to the API. */
  private static final List<ServiceDescriptor> SERVICES = List.of(
      TenantServiceGrpc.getServiceDescriptor(),
      AuthServiceGrpc.getServiceDescriptor(),
      DataModelServiceGrpc.getServiceDescriptor(),
      PrivateAppServiceGrpc.getServiceDescriptor(),
      ApiTokenServiceGrpc.getServiceDescriptor(),
      AuditServiceGrpc.getServiceDescriptor(),
      RequestLogServiceGrpc.getServiceDescriptor(),
      RoleServiceGrpc.getServiceDescriptor(),
      UserServiceGrpc.getServiceDescriptor(),
      RateLimitServiceGrpc.getServiceDescriptor(),
      AnalyticsServiceGrpc.getServiceDescriptor(),
      IngestServiceGrpc.getServiceDescriptor(),
      RecordServiceGrpc.getServiceDescriptor(),
      WebhookServiceGrpc.getServiceDescriptor());

  /** Every latchkey.v1 file; a test below fails when a .proto file is missing from here. */
  private static final List<FileDescriptor> FILES = List.of(
      TenantProto.getDescriptor(), AuthProto.getDescriptor(), PermissionProto.getDescriptor(),
      UserProto.getDescriptor(), PrivateAppProto.getDescriptor(), ApiTokenProto.getDescriptor(),
      AuditProto.getDescriptor(), RequestLogProto.getDescriptor(), RoleProto.getDescriptor(),
      RateLimitProto.getDescriptor(), AnalyticsProto.getDescriptor(), RecordProto.getDescriptor(),
      WebhookProto.getDescriptor());

  @Test
  void theServiceListAboveHoldsEveryServiceOfEveryProtoFile() throws IOException {
    try (Stream<Path> protos = Files.list(Path.of("../proto/src/main/proto/latchkey/v1"))) {
      assertThat(FILES).extracting(f -> Path.of(f.getName()).getFileName().toString())
          .containsExactlyInAnyOrderElementsOf(protos.map(p -> p.getFileName().toString()).toList());
    }
    assertThat(SERVICES).extracting(ServiceDescriptor::getName).containsExactlyInAnyOrderElementsOf(
        FILES.stream().flatMap(f -> f.getServices().stream()).map(s -> s.getFullName()).toList());
  }

  @Test
  void everyRpcOfEveryLatchkeyServiceIsInThePermissionTable() {
    List<String> missing = allRpcs().stream()
        .filter(rpc -> RpcPermissions.operationOf(rpc).isEmpty())
        .toList();

    assertThat(missing).as("RPCs without an entry in RpcPermissions (they would be refused)").isEmpty();
  }

  @Test
  void thePermissionTableNamesOnlyRpcsThatExist() {
    assertThat(allRpcs()).containsAll(RpcPermissions.table().keySet());
  }

  @Test
  void healthCheckingIsPublic() {
    assertThat(RpcPermissions.isPublic(InProcessApi.HEALTH_CHECK)).isTrue();
  }

  @Test
  void noLatchkeyRpcIsPublic() {
    for (ServiceDescriptor service : SERVICES) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        assertThat(RpcPermissions.isPublic(method)).as(method.getFullMethodName()).isFalse();
      }
    }
  }

  @Test
  void anRpcNobodyListedHasNoOperation() {
    assertThat(RpcPermissions.operationOf(InProcessApi.UNLISTED.getFullMethodName())).isEmpty();
    assertThat(RpcPermissions.isPublic(InProcessApi.UNLISTED)).isFalse();
  }

  private static List<String> allRpcs() {
    return SERVICES.stream()
        .flatMap(service -> service.getMethods().stream())
        .map(MethodDescriptor::getFullMethodName)
        .toList();
  }
}
