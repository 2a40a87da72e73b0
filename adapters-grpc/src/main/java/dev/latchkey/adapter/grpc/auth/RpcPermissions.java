package dev.latchkey.adapter.grpc.auth;

import dev.latchkey.application.security.Operation;
import dev.latchkey.proto.v1.AnalyticsServiceGrpc;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.DataModelServiceGrpc;
import dev.latchkey.proto.v1.IngestServiceGrpc;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.RateLimitServiceGrpc;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.RequestLogServiceGrpc;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.UserServiceGrpc;
import dev.latchkey.proto.v1.WebhookServiceGrpc;
import io.grpc.MethodDescriptor;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which operation of the permission table ({@link Operation}) each RPC is. An RPC that is neither
 * here nor public is refused before it runs: deny by default.
 */
public final class RpcPermissions {
  /** Services callable without a token: health checking and server reflection. */
  static final Set<String> PUBLIC_SERVICES = Set.of(
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection");

  private static final Map<String, Operation> OPERATIONS = Map.ofEntries(
      entry(TenantServiceGrpc.getCreateTenantMethod(), Operation.CREATE_TENANT),
      entry(TenantServiceGrpc.getGetTenantMethod(), Operation.GET_TENANT),
      entry(TenantServiceGrpc.getListTenantsMethod(), Operation.LIST_TENANTS),
      entry(RateLimitServiceGrpc.getGetRateLimitMethod(), Operation.GET_RATE_LIMIT),
      entry(RateLimitServiceGrpc.getUpdateRateLimitMethod(), Operation.UPDATE_RATE_LIMIT),
      entry(AuthServiceGrpc.getGetCallerIdentityMethod(), Operation.GET_CALLER_IDENTITY),
      entry(AuthServiceGrpc.getIntrospectTokenMethod(), Operation.INTROSPECT_TOKEN),
      entry(AuthServiceGrpc.getCheckAccessMethod(), Operation.CHECK_ACCESS),
      entry(DataModelServiceGrpc.getListDataModelsMethod(), Operation.LIST_DATA_MODELS),
      entry(PrivateAppServiceGrpc.getCreatePrivateAppMethod(), Operation.CREATE_PRIVATE_APP),
      entry(PrivateAppServiceGrpc.getGetPrivateAppMethod(), Operation.GET_PRIVATE_APP),
      entry(PrivateAppServiceGrpc.getListPrivateAppsMethod(), Operation.LIST_PRIVATE_APPS),
      entry(PrivateAppServiceGrpc.getUpdatePrivateAppMethod(), Operation.UPDATE_PRIVATE_APP),
      entry(PrivateAppServiceGrpc.getEnablePrivateAppMethod(), Operation.ENABLE_PRIVATE_APP),
      entry(PrivateAppServiceGrpc.getDisablePrivateAppMethod(), Operation.DISABLE_PRIVATE_APP),
      entry(PrivateAppServiceGrpc.getDeletePrivateAppMethod(), Operation.DELETE_PRIVATE_APP),
      entry(ApiTokenServiceGrpc.getCreateApiTokenMethod(), Operation.CREATE_API_TOKEN),
      entry(ApiTokenServiceGrpc.getGetApiTokenMethod(), Operation.GET_API_TOKEN),
      entry(ApiTokenServiceGrpc.getListApiTokensMethod(), Operation.LIST_API_TOKENS),
      entry(ApiTokenServiceGrpc.getDeleteApiTokenMethod(), Operation.DELETE_API_TOKEN),
      entry(RoleServiceGrpc.getCreateRoleMethod(), Operation.CREATE_ROLE),
      entry(RoleServiceGrpc.getGetRoleMethod(), Operation.GET_ROLE),
      entry(RoleServiceGrpc.getListRolesMethod(), Operation.LIST_ROLES),
      entry(RoleServiceGrpc.getUpdateRoleMethod(), Operation.UPDATE_ROLE),
      entry(RoleServiceGrpc.getDeleteRoleMethod(), Operation.DELETE_ROLE),
      entry(UserServiceGrpc.getCreateUserMethod(), Operation.CREATE_USER),
      entry(UserServiceGrpc.getGetUserMethod(), Operation.GET_USER),
      entry(UserServiceGrpc.getListUsersMethod(), Operation.LIST_USERS),
      entry(UserServiceGrpc.getUpdateUserMethod(), Operation.UPDATE_USER),
      entry(UserServiceGrpc.getDeactivateUserMethod(), Operation.DEACTIVATE_USER),
      entry(UserServiceGrpc.getReactivateUserMethod(), Operation.REACTIVATE_USER),
      entry(UserServiceGrpc.getDeleteUserMethod(), Operation.DELETE_USER),
      entry(UserServiceGrpc.getTransferAccountHolderMethod(), Operation.TRANSFER_ACCOUNT_HOLDER),
      entry(WebhookServiceGrpc.getCreateWebhookMethod(), Operation.CREATE_WEBHOOK),
      entry(WebhookServiceGrpc.getGetWebhookMethod(), Operation.GET_WEBHOOK),
      entry(WebhookServiceGrpc.getListWebhooksMethod(), Operation.LIST_WEBHOOKS),
      entry(WebhookServiceGrpc.getUpdateWebhookMethod(), Operation.UPDATE_WEBHOOK),
      entry(WebhookServiceGrpc.getDeleteWebhookMethod(), Operation.DELETE_WEBHOOK),
      entry(WebhookServiceGrpc.getTestWebhookMethod(), Operation.TEST_WEBHOOK),
      entry(WebhookServiceGrpc.getRotateWebhookSecretMethod(), Operation.ROTATE_WEBHOOK_SECRET),
      entry(WebhookServiceGrpc.getListWebhookDeliveriesMethod(), Operation.LIST_WEBHOOK_DELIVERIES),
      entry(WebhookServiceGrpc.getListWebhookEventTypesMethod(), Operation.LIST_WEBHOOK_EVENT_TYPES),
      entry(AuditServiceGrpc.getListAuditEventsMethod(), Operation.LIST_AUDIT_EVENTS),
      entry(RequestLogServiceGrpc.getListRequestLogsMethod(), Operation.LIST_REQUEST_LOGS),
      entry(AnalyticsServiceGrpc.getRotateIngestTokenMethod(), Operation.ROTATE_INGEST_TOKEN),
      entry(AnalyticsServiceGrpc.getGetIngestTokenMethod(), Operation.GET_INGEST_TOKEN),
      entry(AnalyticsServiceGrpc.getListActivitiesMethod(), Operation.LIST_ACTIVITIES),
      entry(AnalyticsServiceGrpc.getQueryMetricsMethod(), Operation.QUERY_METRICS),
      entry(IngestServiceGrpc.getTrackActivitiesMethod(), Operation.TRACK_ACTIVITIES),
      entry(IngestServiceGrpc.getPushMetricsMethod(), Operation.PUSH_METRICS),
      entry(RecordServiceGrpc.getCreateRecordMethod(), Operation.CREATE_RECORD),
      entry(RecordServiceGrpc.getGetRecordMethod(), Operation.GET_RECORD),
      entry(RecordServiceGrpc.getListRecordsMethod(), Operation.LIST_RECORDS),
      entry(RecordServiceGrpc.getUpdateRecordMethod(), Operation.UPDATE_RECORD),
      entry(RecordServiceGrpc.getDeleteRecordMethod(), Operation.DELETE_RECORD),
      entry(RecordServiceGrpc.getBatchUpsertRecordsMethod(), Operation.BATCH_UPSERT_RECORDS),
      entry(RecordServiceGrpc.getListRecordRevisionsMethod(), Operation.LIST_RECORD_REVISIONS));

  private RpcPermissions() {}

  /** The operation {@code fullMethodName} is, if it is in the table. */
  public static Optional<Operation> operationOf(String fullMethodName) {
    return Optional.ofNullable(OPERATIONS.get(fullMethodName));
  }

  /** Every RPC in the table, by full method name. */
  public static Map<String, Operation> table() {
    return OPERATIONS;
  }

  static boolean isPublic(MethodDescriptor<?, ?> method) {
    String service = method.getServiceName();
    return service != null && PUBLIC_SERVICES.contains(service);
  }

  private static Map.Entry<String, Operation> entry(MethodDescriptor<?, ?> method, Operation operation) {
    return Map.entry(method.getFullMethodName(), operation);
  }
}
