package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.FieldMask;
import dev.latchkey.adapter.grpc.auth.RpcPermissions;
import dev.latchkey.application.security.Operation;
import dev.latchkey.application.security.Requirement;
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
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiToken;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CheckAccessRequest;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.DataModelServiceGrpc;
import dev.latchkey.proto.v1.DeleteApiTokenRequest;
import dev.latchkey.proto.v1.DeletePrivateAppRequest;
import dev.latchkey.proto.v1.DisablePrivateAppRequest;
import dev.latchkey.proto.v1.EnablePrivateAppRequest;
import dev.latchkey.proto.v1.GetApiTokenRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.GetPrivateAppRequest;
import dev.latchkey.proto.v1.GetTenantRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.IntrospectTokenRequest;
import dev.latchkey.proto.v1.ListApiTokensRequest;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.ListDataModelsRequest;
import dev.latchkey.proto.v1.ListPrivateAppsRequest;
import dev.latchkey.proto.v1.ListRequestLogsRequest;
import dev.latchkey.proto.v1.ListTenantsRequest;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.GetRateLimitRequest;
import dev.latchkey.proto.v1.RateLimit;
import dev.latchkey.proto.v1.RateLimitServiceGrpc;
import dev.latchkey.proto.v1.RequestLogServiceGrpc;
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

import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.UpdatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateRoleRequest;
import dev.latchkey.proto.v1.CreateUserRequest;
import dev.latchkey.proto.v1.DeactivateUserRequest;
import dev.latchkey.proto.v1.DeleteRoleRequest;
import dev.latchkey.proto.v1.DeleteUserRequest;
import dev.latchkey.proto.v1.GetRoleRequest;
import dev.latchkey.proto.v1.GetUserRequest;
import dev.latchkey.proto.v1.ListRolesRequest;
import dev.latchkey.proto.v1.ListUsersRequest;
import dev.latchkey.proto.v1.ReactivateUserRequest;
import dev.latchkey.proto.v1.Role;
import dev.latchkey.proto.v1.RoleServiceGrpc;
import dev.latchkey.proto.v1.TransferAccountHolderRequest;
import dev.latchkey.proto.v1.UpdateRoleRequest;
import dev.latchkey.proto.v1.UpdateUserRequest;
import dev.latchkey.proto.v1.User;
import dev.latchkey.proto.v1.UserServiceGrpc;
import dev.latchkey.proto.v1.BatchUpsertRecordsRequest;
import dev.latchkey.proto.v1.CreateRecordRequest;
import dev.latchkey.proto.v1.DeleteRecordRequest;
import dev.latchkey.proto.v1.GetRecordRequest;
import dev.latchkey.proto.v1.ListRecordRevisionsRequest;
import dev.latchkey.proto.v1.ListRecordsRequest;
import dev.latchkey.proto.v1.RecordServiceGrpc;
import dev.latchkey.proto.v1.UpdateRecordRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission table, checked through the real server: every RPC with and without the grant it
 * needs, and against a resource of another tenant.
 */
class PermissionMatrixEndToEndTest {
  @RegisterExtension static final RunningLatchkey latchkey = new RunningLatchkey();

  /** The principal calling, and a private app (with a token) to call about. */
  record Target(String app, String tokenName, String tokenSecret, String role, String user, String spareRole,
      String record, String webhook) {}

  interface Call {
    void run(String callerToken, Target target);
  }

  /** One row of the matrix: an RPC, the grant it needs (null: operator only), and how to call it. */
  record Row(Operation operation, String dataModel, Action action, boolean targetsAResource, Call call) {
    @Override
    public String toString() {
      return operation.name().toLowerCase(Locale.ROOT);
    }
  }

  private static CreateTenantResponse tenantA;
  private static CreateTenantResponse tenantB;

  @BeforeAll
  static void twoTenants() {
    tenantA = createTenant("Matrix A", "a@matrix.test");
    tenantB = createTenant("Matrix B", "b@matrix.test");
    freshIngestToken();
  }

  static Stream<Row> grantRows() {
    return Stream.of(
        new Row(Operation.CREATE_PRIVATE_APP, "private_apps", Action.ACTION_CREATE, false, (t, x) ->
            apps(t).createPrivateApp(CreatePrivateAppRequest.newBuilder()
                .setPrivateApp(PrivateApp.newBuilder().setDisplayName("made")).build())),
        new Row(Operation.GET_PRIVATE_APP, "private_apps", Action.ACTION_READ, true, (t, x) ->
            apps(t).getPrivateApp(GetPrivateAppRequest.newBuilder().setName(x.app()).build())),
        new Row(Operation.LIST_PRIVATE_APPS, "private_apps", Action.ACTION_READ, false, (t, x) ->
            apps(t).listPrivateApps(ListPrivateAppsRequest.getDefaultInstance())),
        new Row(Operation.UPDATE_PRIVATE_APP, "private_apps", Action.ACTION_UPDATE, true, (t, x) ->
            apps(t).updatePrivateApp(UpdatePrivateAppRequest.newBuilder()
                .setPrivateApp(PrivateApp.newBuilder().setName(x.app()).setDisplayName("renamed"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build())),
        new Row(Operation.ENABLE_PRIVATE_APP, "private_apps", Action.ACTION_UPDATE, true, (t, x) ->
            apps(t).enablePrivateApp(EnablePrivateAppRequest.newBuilder().setName(x.app()).build())),
        new Row(Operation.DISABLE_PRIVATE_APP, "private_apps", Action.ACTION_UPDATE, true, (t, x) ->
            apps(t).disablePrivateApp(DisablePrivateAppRequest.newBuilder().setName(x.app()).build())),
        new Row(Operation.DELETE_PRIVATE_APP, "private_apps", Action.ACTION_DELETE, true, (t, x) ->
            apps(t).deletePrivateApp(DeletePrivateAppRequest.newBuilder().setName(x.app()).build())),
        new Row(Operation.CREATE_API_TOKEN, "private_apps", Action.ACTION_CREATE, true, (t, x) ->
            tokens(t).createApiToken(CreateApiTokenRequest.newBuilder().setParent(x.app())
                .setApiToken(ApiToken.newBuilder().setDisplayName("made")).build())),
        new Row(Operation.GET_API_TOKEN, "private_apps", Action.ACTION_READ, true, (t, x) ->
            tokens(t).getApiToken(GetApiTokenRequest.newBuilder().setName(x.tokenName()).build())),
        new Row(Operation.LIST_API_TOKENS, "private_apps", Action.ACTION_READ, true, (t, x) ->
            tokens(t).listApiTokens(ListApiTokensRequest.newBuilder().setParent(x.app()).build())),
        new Row(Operation.DELETE_API_TOKEN, "private_apps", Action.ACTION_DELETE, true, (t, x) ->
            tokens(t).deleteApiToken(DeleteApiTokenRequest.newBuilder().setName(x.tokenName()).build())),
        new Row(Operation.CREATE_ROLE, "roles", Action.ACTION_CREATE, false, (t, x) ->
            roles(t).createRole(CreateRoleRequest.newBuilder().setRole(Role.newBuilder().setDisplayName("made"))
                .build())),
        new Row(Operation.GET_ROLE, "roles", Action.ACTION_READ, true, (t, x) ->
            roles(t).getRole(GetRoleRequest.newBuilder().setName(x.role()).build())),
        new Row(Operation.LIST_ROLES, "roles", Action.ACTION_READ, false, (t, x) ->
            roles(t).listRoles(ListRolesRequest.getDefaultInstance())),
        new Row(Operation.UPDATE_ROLE, "roles", Action.ACTION_UPDATE, true, (t, x) ->
            roles(t).updateRole(UpdateRoleRequest.newBuilder()
                .setRole(Role.newBuilder().setName(x.role()).setDisplayName("renamed"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build())),
        new Row(Operation.DELETE_ROLE, "roles", Action.ACTION_DELETE, true, (t, x) ->
            roles(t).deleteRole(DeleteRoleRequest.newBuilder().setName(x.spareRole()).build())),
        new Row(Operation.CREATE_USER, "users", Action.ACTION_CREATE, true, (t, x) ->
            users(t).createUser(CreateUserRequest.newBuilder().setUser(User.newBuilder()
                .setEmail("made-" + System.nanoTime() + "@matrix.test").setDisplayName("made").setRole(x.role()))
                .build())),
        new Row(Operation.GET_USER, "users", Action.ACTION_READ, true, (t, x) ->
            users(t).getUser(GetUserRequest.newBuilder().setName(x.user()).build())),
        new Row(Operation.LIST_USERS, "users", Action.ACTION_READ, false, (t, x) ->
            users(t).listUsers(ListUsersRequest.getDefaultInstance())),
        new Row(Operation.UPDATE_USER, "users", Action.ACTION_UPDATE, true, (t, x) ->
            users(t).updateUser(UpdateUserRequest.newBuilder()
                .setUser(User.newBuilder().setName(x.user()).setDisplayName("renamed"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build())),
        new Row(Operation.DEACTIVATE_USER, "users", Action.ACTION_UPDATE, true, (t, x) ->
            users(t).deactivateUser(DeactivateUserRequest.newBuilder().setName(x.user()).build())),
        new Row(Operation.REACTIVATE_USER, "users", Action.ACTION_UPDATE, true, (t, x) ->
            users(t).reactivateUser(ReactivateUserRequest.newBuilder().setName(x.user()).build())),
        new Row(Operation.DELETE_USER, "users", Action.ACTION_DELETE, true, (t, x) ->
            users(t).deleteUser(DeleteUserRequest.newBuilder().setName(x.user()).build())),
        new Row(Operation.LIST_AUDIT_EVENTS, "audit_events", Action.ACTION_READ, false, (t, x) ->
            AuditServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .listAuditEvents(ListAuditEventsRequest.getDefaultInstance())),
        new Row(Operation.LIST_REQUEST_LOGS, "request_logs", Action.ACTION_READ, true, (t, x) ->
            RequestLogServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .listRequestLogs(ListRequestLogsRequest.newBuilder().setParent(x.app()).build())),
        new Row(Operation.INTROSPECT_TOKEN, "token_introspection", Action.ACTION_READ, false, (t, x) ->
            auth(t).introspectToken(IntrospectTokenRequest.newBuilder().setToken(x.tokenSecret()).build())),
        new Row(Operation.CHECK_ACCESS, "token_introspection", Action.ACTION_READ, false, (t, x) ->
            auth(t).checkAccess(CheckAccessRequest.newBuilder().setToken(x.tokenSecret()).setDataModel("tickets")
                .setAction(Action.ACTION_READ).build())),
        new Row(Operation.CREATE_RECORD, "companies", Action.ACTION_CREATE, false, (t, x) ->
            records(t).createRecord(CreateRecordRequest.newBuilder().setParent("dataModels/companies")
                .setRecord(dev.latchkey.proto.v1.Record.getDefaultInstance()).build())),
        new Row(Operation.GET_RECORD, "companies", Action.ACTION_READ, true, (t, x) ->
            records(t).getRecord(GetRecordRequest.newBuilder().setName(x.record()).build())),
        new Row(Operation.LIST_RECORDS, "companies", Action.ACTION_READ, false, (t, x) ->
            records(t).listRecords(ListRecordsRequest.newBuilder().setParent("dataModels/companies").build())),
        new Row(Operation.UPDATE_RECORD, "companies", Action.ACTION_UPDATE, true, (t, x) ->
            records(t).updateRecord(UpdateRecordRequest.newBuilder()
                .setRecord(dev.latchkey.proto.v1.Record.newBuilder().setName(x.record()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("fields")).build())),
        new Row(Operation.DELETE_RECORD, "companies", Action.ACTION_DELETE, true, (t, x) ->
            records(t).deleteRecord(DeleteRecordRequest.newBuilder().setName(x.record()).build())),
        new Row(Operation.LIST_RECORD_REVISIONS, "companies", Action.ACTION_READ, true, (t, x) ->
            records(t).listRecordRevisions(ListRecordRevisionsRequest.newBuilder().setParent(x.record()).build())),
        // The tenant is always the caller's: nothing of another tenant can be named.
        new Row(Operation.ROTATE_INGEST_TOKEN, "analytics", Action.ACTION_UPDATE, false, (t, x) ->
            analytics(t).rotateIngestToken(RotateIngestTokenRequest.newBuilder()
                .setOverlap(com.google.protobuf.Duration.newBuilder().setSeconds(86_400)).build())),
        new Row(Operation.GET_INGEST_TOKEN, "analytics", Action.ACTION_READ, false, (t, x) ->
            analytics(t).getIngestToken(GetIngestTokenRequest.getDefaultInstance())),
        new Row(Operation.LIST_ACTIVITIES, "analytics", Action.ACTION_READ, false, (t, x) ->
            analytics(t).listActivities(ListActivitiesRequest.getDefaultInstance())),
        new Row(Operation.QUERY_METRICS, "analytics", Action.ACTION_READ, false, (t, x) ->
            analytics(t).queryMetrics(QueryMetricsRequest.newBuilder().setMetric("m").setStartTime(hoursAgo(24))
                .setEndTime(hoursAgo(0)).setInterval(Interval.INTERVAL_HOUR)
                .setAggregation(Aggregation.AGGREGATION_SUM).build())));
  }

  /** The ingestion RPCs: the tenant's ingest token and nothing else. */
  static Stream<Row> ingestRows() {
    return Stream.of(
        new Row(Operation.TRACK_ACTIVITIES, null, null, false, (t, x) ->
            IngestServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .trackActivities(TrackActivitiesRequest.newBuilder().addActivities(
                    dev.latchkey.proto.v1.Activity.newBuilder().setEndUserExternalId("u").setAction("a")
                        .setTime(hoursAgo(0))).build())),
        new Row(Operation.PUSH_METRICS, null, null, false, (t, x) ->
            IngestServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .pushMetrics(PushMetricsRequest.newBuilder().addMetrics(
                    MetricPoint.newBuilder().setMetric("m").setValue(1).setTime(hoursAgo(0))).build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ingestRows")
  void ingestionTakesTheIngestTokenAndRefusesEvenTheAccountHolder(Row row) {
    String ingestTokenA = freshIngestToken();

    assertThat(status(() -> row.call().run(ingestTokenA, null))).isEqualTo(Status.Code.OK);
    assertThat(status(() -> row.call().run(tenantA.getOwnerTokenSecret(), null)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(status(() -> row.call().run(latchkey.operatorToken(), null))).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void theIngestTokenOpensNoOtherRpc() {
    String ingestTokenA = freshIngestToken();
    Target target = target(tenantA);
    Stream.of(grantRows(), operatorRows(), anyCallerRows()).flatMap(s -> s).forEach(row ->
        assertThat(status(() -> row.call().run(ingestTokenA, target))).as(row.toString())
            .isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  /** A new ingest token of tenant A (GetIngestToken needs one to exist). */
  private static String freshIngestToken() {
    return analytics(tenantA.getOwnerTokenSecret())
        .rotateIngestToken(RotateIngestTokenRequest.getDefaultInstance()).getSecret();
  }

  private static com.google.protobuf.Timestamp hoursAgo(int hours) {
    return com.google.protobuf.Timestamp.newBuilder()
        .setSeconds(java.time.Instant.now().getEpochSecond() - hours * 3600L).build();
  }

  private static AnalyticsServiceGrpc.AnalyticsServiceBlockingStub analytics(String token) {
    return AnalyticsServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  static Stream<Row> operatorRows() {
    return Stream.of(
        new Row(Operation.CREATE_TENANT, null, null, false, (t, x) ->
            TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName("T"))
                    .setOwnerEmail("o@t.test").setOwnerDisplayName("O").build())),
        new Row(Operation.GET_TENANT, null, null, false, (t, x) ->
            TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .getTenant(GetTenantRequest.newBuilder().setName(tenantA.getTenant().getName()).build())),
        new Row(Operation.LIST_TENANTS, null, null, false, (t, x) ->
            TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .listTenants(ListTenantsRequest.getDefaultInstance())),
        new Row(Operation.GET_RATE_LIMIT, null, null, false, (t, x) ->
            RateLimitServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .getRateLimit(GetRateLimitRequest.newBuilder()
                    .setName(tenantA.getTenant().getName() + "/rateLimit").build())),
        new Row(Operation.UPDATE_RATE_LIMIT, null, null, false, (t, x) ->
            RateLimitServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .updateRateLimit(UpdateRateLimitRequest.newBuilder()
                    .setRateLimit(RateLimit.newBuilder().setName(tenantA.getTenant().getName() + "/rateLimit")
                        .setRequestsPerMinute(RunningLatchkey.GENEROUS_RATE_LIMIT.value()))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("requests_per_minute")).build())));
  }

  /** Webhook RPCs, reads included: the account holder's alone, whatever grants others hold. */
  static Stream<Row> accountHolderRows() {
    return Stream.of(
        new Row(Operation.CREATE_WEBHOOK, null, null, false, (t, x) ->
            webhooks(t).createWebhook(CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder()
                .setDisplayName("made").setUrl("https://hooks.example.com/made").addEventTypes("tickets.created"))
                .build())),
        new Row(Operation.GET_WEBHOOK, null, null, true, (t, x) ->
            webhooks(t).getWebhook(GetWebhookRequest.newBuilder().setName(x.webhook()).build())),
        new Row(Operation.LIST_WEBHOOKS, null, null, false, (t, x) ->
            webhooks(t).listWebhooks(ListWebhooksRequest.getDefaultInstance())),
        new Row(Operation.UPDATE_WEBHOOK, null, null, true, (t, x) ->
            webhooks(t).updateWebhook(UpdateWebhookRequest.newBuilder()
                .setWebhook(Webhook.newBuilder().setName(x.webhook()).setDisplayName("renamed"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build())),
        new Row(Operation.DELETE_WEBHOOK, null, null, true, (t, x) ->
            webhooks(t).deleteWebhook(DeleteWebhookRequest.newBuilder().setName(x.webhook()).build())),
        new Row(Operation.TEST_WEBHOOK, null, null, true, (t, x) ->
            webhooks(t).testWebhook(TestWebhookRequest.newBuilder().setName(x.webhook()).build())),
        new Row(Operation.ROTATE_WEBHOOK_SECRET, null, null, true, (t, x) ->
            webhooks(t).rotateWebhookSecret(RotateWebhookSecretRequest.newBuilder().setName(x.webhook()).build())),
        new Row(Operation.LIST_WEBHOOK_DELIVERIES, null, null, true, (t, x) ->
            webhooks(t).listWebhookDeliveries(ListWebhookDeliveriesRequest.newBuilder().setParent(x.webhook())
                .build())),
        new Row(Operation.LIST_WEBHOOK_EVENT_TYPES, null, null, false, (t, x) ->
            webhooks(t).listWebhookEventTypes(ListWebhookEventTypesRequest.getDefaultInstance())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accountHolderRows")
  void webhookCallsAreTheAccountHoldersAloneWhateverTheGrants(Row row) {
    String everything = appWith(tenantA, everythingBut("none", Action.ACTION_READ));

    assertThat(status(() -> row.call().run(tenantA.getOwnerTokenSecret(), target(tenantA))))
        .isEqualTo(Status.Code.OK);
    assertThat(status(() -> row.call().run(everything, target(tenantA)))).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(status(() -> row.call().run(latchkey.operatorToken(), target(tenantA))))
        .as("the operator only when acting for the account holder").isEqualTo(Status.Code.PERMISSION_DENIED);
    if (row.targetsAResource()) {
      assertThat(status(() -> row.call().run(tenantA.getOwnerTokenSecret(), target(tenantB))))
          .isEqualTo(Status.Code.NOT_FOUND);
    }
  }

  static Stream<Row> anyCallerRows() {
    return Stream.of(
        new Row(Operation.GET_CALLER_IDENTITY, null, null, false, (t, x) ->
            auth(t).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance())),
        new Row(Operation.LIST_DATA_MODELS, null, null, false, (t, x) ->
            DataModelServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(t))
                .listDataModels(ListDataModelsRequest.getDefaultInstance())));
  }

  @Test
  void theMatrixCoversEveryRpcOfThePermissionTable() {
    Set<Operation> covered = EnumSet.of(Operation.TRANSFER_ACCOUNT_HOLDER, Operation.BATCH_UPSERT_RECORDS);
    Stream.of(grantRows(), operatorRows(), anyCallerRows(), ingestRows(), accountHolderRows()).flatMap(s -> s)
        .forEach(r -> covered.add(r.operation()));

    assertThat(covered).containsExactlyInAnyOrderElementsOf(Set.copyOf(RpcPermissions.table().values()));
    grantRows().forEach(r -> assertThat(r.operation().requirement()).isIn(
        new Requirement.GrantOn(dev.latchkey.domain.permission.DataModel.byApiName(r.dataModel()).orElseThrow(),
            domain(r.action())),
        new Requirement.OperatorOrGrantOn(dev.latchkey.domain.permission.DataModel.byApiName(r.dataModel())
            .orElseThrow(), domain(r.action())),
        new Requirement.AnyTenantPrincipal(),
        new Requirement.GrantOnRecordModel(List.of(domain(r.action())))));
  }

  @Test
  void aBatchUpsertNeedsCreateAndUpdateOnTheModel() {
    var batch = BatchUpsertRecordsRequest.newBuilder().setParent("dataModels/companies")
        .addRecords(dev.latchkey.proto.v1.Record.newBuilder().setExternalId("matrix-upsert")).build();
    String both = appWith(tenantA, List.of(Grant.newBuilder().setDataModel("companies")
        .addActions(Action.ACTION_CREATE).addActions(Action.ACTION_UPDATE).build()));

    assertThat(status(() -> records(appWith(tenantA, List.of(grant("companies", Action.ACTION_CREATE))))
        .batchUpsertRecords(batch))).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(status(() -> records(appWith(tenantA, List.of(grant("companies", Action.ACTION_UPDATE))))
        .batchUpsertRecords(batch))).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(status(() -> records(both).batchUpsertRecords(batch))).isEqualTo(Status.Code.OK);
    assertThat(Operation.BATCH_UPSERT_RECORDS.requirement()).isEqualTo(
        new Requirement.GrantOnRecordModel(List.of(domain(Action.ACTION_CREATE), domain(Action.ACTION_UPDATE))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grantRows")
  void withItsGrantTheCallSucceeds(Row row) {
    String caller = appWith(tenantA, List.of(grant(row.dataModel(), row.action())));

    assertThat(status(() -> row.call().run(caller, target(tenantA)))).isEqualTo(Status.Code.OK);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grantRows")
  void withoutItsGrantTheCallIsDenied(Row row) {
    String caller = appWith(tenantA, everythingBut(row.dataModel(), row.action()));

    assertThat(status(() -> row.call().run(caller, target(tenantA)))).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grantRows")
  void anotherTenantsResourceIsNotFoundEvenWithTheGrant(Row row) {
    if (!row.targetsAResource()) {
      return;
    }
    String caller = appWith(tenantA, List.of(grant(row.dataModel(), row.action())));

    assertThat(status(() -> row.call().run(caller, target(tenantB)))).isEqualTo(Status.Code.NOT_FOUND);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operatorRows")
  void operatorOnlyCallsRefuseEvenAnAccountHolder(Row row) {
    assertThat(status(() -> row.call().run(tenantA.getOwnerTokenSecret(), null)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(status(() -> row.call().run(latchkey.operatorToken(), null))).isEqualTo(Status.Code.OK);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("anyCallerRows")
  void anyValidTokenMayAskWhoItIsAndWhatModelsExist(Row row) {
    String noGrants = appWith(tenantA, List.of());

    assertThat(status(() -> row.call().run(noGrants, null))).isEqualTo(Status.Code.OK);
    assertThat(status(() -> row.call().run(latchkey.operatorToken(), null))).isEqualTo(Status.Code.OK);
  }

  @Test
  void onlyTheAccountHolderMayTransferTheTitleWhateverTheGrants() {
    String everything = appWith(tenantA, everythingBut("none", Action.ACTION_READ));
    Target target = target(tenantA);

    assertThat(status(() -> users(everything).transferAccountHolder(
        TransferAccountHolderRequest.newBuilder().setName(target.user()).build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  /**
   * Fresh resources in {@code tenant}, safe to update or delete: an app without grants and its
   * token, a role without grants and a user holding it, and an unused role.
   */
  private static Target target(CreateTenantResponse tenant) {
    String admin = tenant.getOwnerTokenSecret();
    PrivateApp app = createApp(admin, "target", List.of());
    var token = tokens(admin).createApiToken(CreateApiTokenRequest.newBuilder()
        .setParent(app.getName()).setApiToken(ApiToken.newBuilder().setDisplayName("target token")).build());
    Role role = roles(admin).createRole(CreateRoleRequest.newBuilder()
        .setRole(Role.newBuilder().setDisplayName("target role")).build());
    User user = users(admin).createUser(CreateUserRequest.newBuilder().setUser(User.newBuilder()
        .setEmail("target-" + System.nanoTime() + "@matrix.test").setDisplayName("target").setRole(role.getName()))
        .build());
    Role spare = roles(admin).createRole(CreateRoleRequest.newBuilder()
        .setRole(Role.newBuilder().setDisplayName("spare role")).build());
    var record = records(admin).createRecord(CreateRecordRequest.newBuilder().setParent("dataModels/companies")
        .setRecord(dev.latchkey.proto.v1.Record.getDefaultInstance()).build());
    var webhook = webhooks(admin).createWebhook(CreateWebhookRequest.newBuilder().setWebhook(Webhook.newBuilder()
        .setDisplayName("target hook").setUrl("https://hooks.example.com/in").addEventTypes("api_token.created"))
        .build());
    return new Target(app.getName(), token.getApiToken().getName(), token.getSecret(), role.getName(),
        user.getName(), spare.getName(), record.getName(), webhook.getWebhook().getName());
  }

  /** The secret of a token of a new app holding exactly {@code grants}. */
  private static String appWith(CreateTenantResponse tenant, List<Grant> grants) {
    PrivateApp app = createApp(tenant.getOwnerTokenSecret(), "caller", grants);
    return tokens(tenant.getOwnerTokenSecret()).createApiToken(CreateApiTokenRequest.newBuilder()
        .setParent(app.getName()).setApiToken(ApiToken.newBuilder().setDisplayName("caller token")).build())
        .getSecret();
  }

  private static List<Grant> everythingBut(String dataModel, Action missing) {
    List<Grant> grants = new ArrayList<>();
    for (var model : dev.latchkey.domain.permission.DataModel.values()) {
      Grant.Builder grant = Grant.newBuilder().setDataModel(model.apiName());
      for (Action action : List.of(Action.ACTION_READ, Action.ACTION_CREATE, Action.ACTION_UPDATE, Action.ACTION_DELETE)) {
        if (!(model.apiName().equals(dataModel) && action == missing)) {
          grant.addActions(action);
        }
      }
      grants.add(grant.build());
    }
    return grants;
  }

  private static Grant grant(String dataModel, Action action) {
    return Grant.newBuilder().setDataModel(dataModel).addActions(action).build();
  }

  private static dev.latchkey.domain.permission.Action domain(Action action) {
    return dev.latchkey.domain.permission.Action.valueOf(action.name().substring("ACTION_".length()));
  }

  private static Status.Code status(Runnable call) {
    Throwable thrown = catchThrowable(call::run);
    if (thrown == null) {
      return Status.Code.OK;
    }
    assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
    return ((StatusRuntimeException) thrown).getStatus().getCode();
  }

  private static CreateTenantResponse createTenant(String name, String email) {
    return TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder().setTenant(Tenant.newBuilder().setDisplayName(name))
            .setOwnerEmail(email).setOwnerDisplayName("Admin").build());
  }

  private static PrivateApp createApp(String token, String name, List<Grant> grants) {
    return apps(token).createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName(name).addAllGrants(grants)).build());
  }

  private static PrivateAppServiceGrpc.PrivateAppServiceBlockingStub apps(String token) {
    return PrivateAppServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static ApiTokenServiceGrpc.ApiTokenServiceBlockingStub tokens(String token) {
    return ApiTokenServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static WebhookServiceGrpc.WebhookServiceBlockingStub webhooks(String token) {
    return WebhookServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static RoleServiceGrpc.RoleServiceBlockingStub roles(String token) {
    return RoleServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static UserServiceGrpc.UserServiceBlockingStub users(String token) {
    return UserServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static RecordServiceGrpc.RecordServiceBlockingStub records(String token) {
    return RecordServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static AuthServiceGrpc.AuthServiceBlockingStub auth(String token) {
    return AuthServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }
}
