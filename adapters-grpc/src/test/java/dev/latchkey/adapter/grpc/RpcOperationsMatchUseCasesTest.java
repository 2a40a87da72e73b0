package dev.latchkey.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import dev.latchkey.adapter.grpc.auth.RpcPermissions;
import dev.latchkey.adapter.grpc.support.FakeUseCases;
import dev.latchkey.adapter.grpc.support.InProcessApi;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.security.Operation;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.proto.v1.Activity;
import dev.latchkey.proto.v1.Aggregation;
import dev.latchkey.proto.v1.AnalyticsServiceGrpc;
import dev.latchkey.proto.v1.GetIngestTokenRequest;
import dev.latchkey.proto.v1.IngestServiceGrpc;
import dev.latchkey.proto.v1.Interval;
import dev.latchkey.proto.v1.ListActivitiesRequest;
import dev.latchkey.proto.v1.MetricPoint;
import dev.latchkey.proto.v1.PushMetricsRequest;
import dev.latchkey.proto.v1.QueryMetricsRequest;
import dev.latchkey.proto.v1.RotateIngestTokenRequest;
import dev.latchkey.proto.v1.TrackActivitiesRequest;
import com.google.protobuf.Timestamp;
import dev.latchkey.application.security.Requirement;
import dev.latchkey.domain.principal.Principal;
import java.time.Instant;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CheckAccessRequest;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateRoleRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateUserRequest;
import dev.latchkey.proto.v1.DataModelServiceGrpc;
import dev.latchkey.proto.v1.DeactivateUserRequest;
import dev.latchkey.proto.v1.DeleteApiTokenRequest;
import dev.latchkey.proto.v1.DeletePrivateAppRequest;
import dev.latchkey.proto.v1.DeleteRoleRequest;
import dev.latchkey.proto.v1.DeleteUserRequest;
import dev.latchkey.proto.v1.DisablePrivateAppRequest;
import dev.latchkey.proto.v1.EnablePrivateAppRequest;
import dev.latchkey.proto.v1.GetApiTokenRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.GetPrivateAppRequest;
import dev.latchkey.proto.v1.GetRoleRequest;
import dev.latchkey.proto.v1.GetRateLimitRequest;
import dev.latchkey.proto.v1.GetTenantRequest;
import dev.latchkey.proto.v1.GetUserRequest;
import dev.latchkey.proto.v1.IntrospectTokenRequest;
import dev.latchkey.proto.v1.ListApiTokensRequest;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.ListDataModelsRequest;
import dev.latchkey.proto.v1.ListPrivateAppsRequest;
import dev.latchkey.proto.v1.ListRequestLogsRequest;
import dev.latchkey.proto.v1.ListRolesRequest;
import dev.latchkey.proto.v1.ListTenantsRequest;
import dev.latchkey.proto.v1.ListUsersRequest;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.ReactivateUserRequest;
import dev.latchkey.proto.v1.RequestLogServiceGrpc;
import dev.latchkey.proto.v1.Role;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.BatchUpsertRecordsRequest;
import dev.latchkey.proto.v1.CreateRecordRequest;
import dev.latchkey.proto.v1.DeleteRecordRequest;
import dev.latchkey.proto.v1.GetRecordRequest;
import dev.latchkey.proto.v1.ListRecordRevisionsRequest;
import dev.latchkey.proto.v1.ListRecordsRequest;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.UpdateRecordRequest;
import dev.latchkey.proto.v1.RateLimit;
import dev.latchkey.proto.v1.RateLimitServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.UpdateRateLimitRequest;
import dev.latchkey.proto.v1.CreateWebhookRequest;
import dev.latchkey.proto.v1.GetWebhookRequest;
import dev.latchkey.proto.v1.ListWebhooksRequest;
import dev.latchkey.proto.v1.UpdateWebhookRequest;
import dev.latchkey.proto.v1.DeleteWebhookRequest;
import dev.latchkey.proto.v1.TestWebhookRequest;
import dev.latchkey.proto.v1.RotateWebhookSecretRequest;
import dev.latchkey.proto.v1.ListWebhookDeliveriesRequest;
import dev.latchkey.proto.v1.ListWebhookEventTypesRequest;
import dev.latchkey.proto.v1.Webhook;
import dev.latchkey.proto.v1.WebhookServiceGrpc;

import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.TransferAccountHolderRequest;
import dev.latchkey.proto.v1.UpdatePrivateAppRequest;
import dev.latchkey.proto.v1.UpdateRoleRequest;
import dev.latchkey.proto.v1.UpdateUserRequest;
import dev.latchkey.proto.v1.User;
import dev.latchkey.proto.v1.UserServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The permission table is stated once: the gate refuses an RPC by the operation {@link
 * RpcPermissions} lists for it, and the use case by the operation its command or query declares.
 * This sends a well-formed request to every RPC of the table and checks that the two agree, so a
 * request type that declares another operation than its RPC is listed with fails here.
 */
class RpcOperationsMatchUseCasesTest {
  private static final String APP = "privateApps/" + UUID.randomUUID();
  private static final String USER = "users/" + UUID.randomUUID();
  private static final String ROLE = "roles/" + UUID.randomUUID();
  private static final String TOKEN = APP + "/tokens/" + UUID.randomUUID();
  private static final String WEBHOOK = "webhooks/" + UUID.randomUUID();

  private final FakeUseCases useCases = new FakeUseCases();
  private final InProcessApi api = InProcessApi.start(useCases);
  private final Channel operator;
  private final Channel tenantAdmin;
  private final Channel ingest;

  RpcOperationsMatchUseCasesTest() {
    String operatorToken = TestValues.token(TokenKind.OPERATOR).reveal();
    String adminToken = TestValues.personalToken();
    useCases.accept(operatorToken, TestValues.operator());
    useCases.accept(adminToken, TestValues.member(TestValues.tenantId(), PermissionSet.all()));
    String ingestToken = TestValues.token(TokenKind.TENANT_INGEST).reveal();
    useCases.accept(ingestToken, new Principal.IngestPrincipal(TestValues.tenantId(), UUID.randomUUID()));
    operator = api.bearer(operatorToken);
    tenantAdmin = api.bearer(adminToken);
    ingest = api.bearer(ingestToken);
  }

  @AfterEach
  void stop() throws InterruptedException {
    api.close();
  }

  /** A well-formed request for each RPC; the use cases behind are fakes, so any values do. */
  private static Map<MethodDescriptor<?, ?>, Message> samples() {
    Map<MethodDescriptor<?, ?>, Message> m = new LinkedHashMap<>();
    m.put(TenantServiceGrpc.getCreateTenantMethod(), CreateTenantRequest.newBuilder()
        .setTenant(Tenant.newBuilder().setDisplayName("Acme"))
        .setOwnerEmail("ada@acme.example").setOwnerDisplayName("Ada").build());
    m.put(TenantServiceGrpc.getGetTenantMethod(),
        GetTenantRequest.newBuilder().setName("tenants/" + UUID.randomUUID()).build());
    m.put(TenantServiceGrpc.getListTenantsMethod(), ListTenantsRequest.getDefaultInstance());
    String tenantLimit = "tenants/" + UUID.randomUUID() + "/rateLimit";
    m.put(RateLimitServiceGrpc.getGetRateLimitMethod(), GetRateLimitRequest.newBuilder().setName(tenantLimit).build());
    m.put(RateLimitServiceGrpc.getUpdateRateLimitMethod(), UpdateRateLimitRequest.newBuilder()
        .setRateLimit(RateLimit.newBuilder().setName(tenantLimit).setRequestsPerMinute(100))
        .setUpdateMask(com.google.protobuf.FieldMask.newBuilder().addPaths("requests_per_minute"))
        .build());
    m.put(AuthServiceGrpc.getGetCallerIdentityMethod(), GetCallerIdentityRequest.getDefaultInstance());
    m.put(AuthServiceGrpc.getIntrospectTokenMethod(), IntrospectTokenRequest.newBuilder().setToken("x").build());
    m.put(AuthServiceGrpc.getCheckAccessMethod(), CheckAccessRequest.newBuilder()
        .setToken("x").setDataModel("tickets").setAction(Action.ACTION_READ).build());
    m.put(DataModelServiceGrpc.getListDataModelsMethod(), ListDataModelsRequest.getDefaultInstance());
    m.put(PrivateAppServiceGrpc.getCreatePrivateAppMethod(), CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Sync")).build());
    m.put(PrivateAppServiceGrpc.getGetPrivateAppMethod(), GetPrivateAppRequest.newBuilder().setName(APP).build());
    m.put(PrivateAppServiceGrpc.getListPrivateAppsMethod(), ListPrivateAppsRequest.getDefaultInstance());
    m.put(PrivateAppServiceGrpc.getUpdatePrivateAppMethod(), UpdatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setName(APP).setDisplayName("Renamed"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());
    m.put(PrivateAppServiceGrpc.getEnablePrivateAppMethod(), EnablePrivateAppRequest.newBuilder().setName(APP).build());
    m.put(PrivateAppServiceGrpc.getDisablePrivateAppMethod(),
        DisablePrivateAppRequest.newBuilder().setName(APP).build());
    m.put(PrivateAppServiceGrpc.getDeletePrivateAppMethod(), DeletePrivateAppRequest.newBuilder().setName(APP).build());
    m.put(ApiTokenServiceGrpc.getCreateApiTokenMethod(), CreateApiTokenRequest.newBuilder()
        .setParent(APP).setApiToken(ApiToken.newBuilder().setDisplayName("production")).build());
    m.put(ApiTokenServiceGrpc.getGetApiTokenMethod(), GetApiTokenRequest.newBuilder().setName(TOKEN).build());
    m.put(ApiTokenServiceGrpc.getListApiTokensMethod(), ListApiTokensRequest.newBuilder().setParent(APP).build());
    m.put(ApiTokenServiceGrpc.getDeleteApiTokenMethod(), DeleteApiTokenRequest.newBuilder().setName(TOKEN).build());
    m.put(RoleServiceGrpc.getCreateRoleMethod(),
        CreateRoleRequest.newBuilder().setRole(Role.newBuilder().setDisplayName("Support")).build());
    m.put(RoleServiceGrpc.getGetRoleMethod(), GetRoleRequest.newBuilder().setName(ROLE).build());
    m.put(RoleServiceGrpc.getListRolesMethod(), ListRolesRequest.getDefaultInstance());
    m.put(RoleServiceGrpc.getUpdateRoleMethod(), UpdateRoleRequest.newBuilder()
        .setRole(Role.newBuilder().setName(ROLE).setDisplayName("Agents"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());
    m.put(RoleServiceGrpc.getDeleteRoleMethod(), DeleteRoleRequest.newBuilder().setName(ROLE).build());
    m.put(UserServiceGrpc.getCreateUserMethod(), CreateUserRequest.newBuilder()
        .setUser(User.newBuilder().setEmail("bob@acme.example").setDisplayName("Bob").setRole(ROLE)).build());
    m.put(UserServiceGrpc.getGetUserMethod(), GetUserRequest.newBuilder().setName(USER).build());
    m.put(UserServiceGrpc.getListUsersMethod(), ListUsersRequest.getDefaultInstance());
    m.put(UserServiceGrpc.getUpdateUserMethod(), UpdateUserRequest.newBuilder()
        .setUser(User.newBuilder().setName(USER).setDisplayName("Robert"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());
    m.put(UserServiceGrpc.getDeactivateUserMethod(), DeactivateUserRequest.newBuilder().setName(USER).build());
    m.put(UserServiceGrpc.getReactivateUserMethod(), ReactivateUserRequest.newBuilder().setName(USER).build());
    m.put(UserServiceGrpc.getDeleteUserMethod(), DeleteUserRequest.newBuilder().setName(USER).build());
    m.put(UserServiceGrpc.getTransferAccountHolderMethod(),
        TransferAccountHolderRequest.newBuilder().setName(USER).build());
    m.put(WebhookServiceGrpc.getCreateWebhookMethod(), CreateWebhookRequest.newBuilder()
        .setWebhook(Webhook.newBuilder().setDisplayName("Hook").setUrl("https://hooks.example.com/x")
            .addEventTypes("api_token.created")).build());
    m.put(WebhookServiceGrpc.getGetWebhookMethod(), GetWebhookRequest.newBuilder().setName(WEBHOOK).build());
    m.put(WebhookServiceGrpc.getListWebhooksMethod(), ListWebhooksRequest.getDefaultInstance());
    m.put(WebhookServiceGrpc.getUpdateWebhookMethod(), UpdateWebhookRequest.newBuilder()
        .setWebhook(Webhook.newBuilder().setName(WEBHOOK).setDisplayName("Renamed"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());
    m.put(WebhookServiceGrpc.getDeleteWebhookMethod(), DeleteWebhookRequest.newBuilder().setName(WEBHOOK).build());
    m.put(WebhookServiceGrpc.getTestWebhookMethod(), TestWebhookRequest.newBuilder().setName(WEBHOOK).build());
    m.put(WebhookServiceGrpc.getRotateWebhookSecretMethod(),
        RotateWebhookSecretRequest.newBuilder().setName(WEBHOOK).build());
    m.put(WebhookServiceGrpc.getListWebhookDeliveriesMethod(),
        ListWebhookDeliveriesRequest.newBuilder().setParent(WEBHOOK).build());
    m.put(WebhookServiceGrpc.getListWebhookEventTypesMethod(), ListWebhookEventTypesRequest.getDefaultInstance());
    m.put(AuditServiceGrpc.getListAuditEventsMethod(), ListAuditEventsRequest.getDefaultInstance());
    m.put(RequestLogServiceGrpc.getListRequestLogsMethod(),
        ListRequestLogsRequest.newBuilder().setParent(APP).build());
    Timestamp now = Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()).build();
    m.put(AnalyticsServiceGrpc.getRotateIngestTokenMethod(), RotateIngestTokenRequest.getDefaultInstance());
    m.put(AnalyticsServiceGrpc.getGetIngestTokenMethod(), GetIngestTokenRequest.getDefaultInstance());
    m.put(AnalyticsServiceGrpc.getListActivitiesMethod(), ListActivitiesRequest.getDefaultInstance());
    m.put(AnalyticsServiceGrpc.getQueryMetricsMethod(), QueryMetricsRequest.newBuilder().setMetric("m")
        .setStartTime(now).setEndTime(now.toBuilder().setSeconds(now.getSeconds() + 3600))
        .setInterval(Interval.INTERVAL_HOUR).setAggregation(Aggregation.AGGREGATION_SUM).build());
    m.put(IngestServiceGrpc.getTrackActivitiesMethod(), TrackActivitiesRequest.newBuilder()
        .addActivities(Activity.newBuilder().setEndUserExternalId("u").setAction("a").setTime(now)).build());
    m.put(IngestServiceGrpc.getPushMetricsMethod(), PushMetricsRequest.newBuilder()
        .addMetrics(MetricPoint.newBuilder().setMetric("m").setValue(1).setTime(now)).build());
    String record = "dataModels/companies/records/" + UUID.randomUUID();
    m.put(RecordServiceGrpc.getCreateRecordMethod(), CreateRecordRequest.newBuilder().setParent("dataModels/companies")
        .setRecord(dev.latchkey.proto.v1.Record.newBuilder().setExternalId("c-1")).build());
    m.put(RecordServiceGrpc.getGetRecordMethod(), GetRecordRequest.newBuilder().setName(record).build());
    m.put(RecordServiceGrpc.getListRecordsMethod(),
        ListRecordsRequest.newBuilder().setParent("dataModels/companies").build());
    m.put(RecordServiceGrpc.getUpdateRecordMethod(), UpdateRecordRequest.newBuilder()
        .setRecord(dev.latchkey.proto.v1.Record.newBuilder().setName(record).setExternalId("c-2"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("external_id")).build());
    m.put(RecordServiceGrpc.getDeleteRecordMethod(), DeleteRecordRequest.newBuilder().setName(record).build());
    m.put(RecordServiceGrpc.getBatchUpsertRecordsMethod(), BatchUpsertRecordsRequest.newBuilder()
        .setParent("dataModels/companies")
        .addRecords(dev.latchkey.proto.v1.Record.newBuilder().setExternalId("c-1")).build());
    m.put(RecordServiceGrpc.getListRecordRevisionsMethod(),
        ListRecordRevisionsRequest.newBuilder().setParent(record).build());
    return m;
  }

  @Test
  void everyRpcOfThePermissionTableHasASampleHere() {
    assertThat(samples().keySet()).extracting(MethodDescriptor::getFullMethodName)
        .containsExactlyInAnyOrderElementsOf(RpcPermissions.table().keySet());
  }

  @Test
  void eachRpcsRequestDeclaresTheOperationTheTableListsForIt() {
    for (Map.Entry<MethodDescriptor<?, ?>, Message> sample : samples().entrySet()) {
      String rpc = sample.getKey().getFullMethodName();
      Operation listed = RpcPermissions.operationOf(rpc).orElseThrow();
      int before = useCases.operations.size();

      Channel caller = switch (listed.requirement()) {
        case Requirement.OperatorOnly r -> operator;
        case Requirement.IngestToken r -> ingest;
        default -> tenantAdmin;
      };
      call(caller, sample.getKey(), sample.getValue());

      List<Operation> declared = useCases.operations.subList(before, useCases.operations.size());
      assertThat(declared).as("what the use case behind %s was asked for", rpc).containsExactly(listed);
    }
  }

  private static boolean operatorOnly(Operation operation) {
    return operation.requirement() instanceof dev.latchkey.application.security.Requirement.OperatorOnly;
  }

  @SuppressWarnings("unchecked")
  private static void call(Channel channel, MethodDescriptor<?, ?> method, Message request) {
    try {
      ClientCalls.blockingUnaryCall(channel, (MethodDescriptor<Message, Message>) method, CallOptions.DEFAULT,
          request);
    } catch (StatusRuntimeException e) {
      // A scripted fake may answer NOT_FOUND after the request reached it; only the request matters here.
    }
  }
}
