package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.ApiTokenServiceGrpc;
import dev.latchkey.proto.v1.AuditEvent;
import dev.latchkey.proto.v1.AuditServiceGrpc;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CheckAccessRequest;
import dev.latchkey.proto.v1.CreateApiTokenRequest;
import dev.latchkey.proto.v1.CreateApiTokenResponse;
import dev.latchkey.proto.v1.CreatePrivateAppRequest;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.DeleteApiTokenRequest;
import dev.latchkey.proto.v1.DeletePrivateAppRequest;
import dev.latchkey.proto.v1.DisablePrivateAppRequest;
import dev.latchkey.proto.v1.EnablePrivateAppRequest;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.GetPrivateAppRequest;
import dev.latchkey.proto.v1.Grant;
import dev.latchkey.proto.v1.IntrospectTokenRequest;
import dev.latchkey.proto.v1.ListApiTokensRequest;
import dev.latchkey.proto.v1.ListAuditEventsRequest;
import dev.latchkey.proto.v1.ListPrivateAppsRequest;
import dev.latchkey.proto.v1.ListRequestLogsRequest;
import dev.latchkey.proto.v1.PrivateApp;
import dev.latchkey.proto.v1.PrivateAppServiceGrpc;
import dev.latchkey.proto.v1.RequestLog;
import dev.latchkey.proto.v1.RequestLogServiceGrpc;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.UpdatePrivateAppRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Planhat flow of issue 3 through the real server: an admin creates an app by copying a role,
 * narrows it, issues two tokens, calls with each, reads the app's log, deletes one token, disables
 * and re-enables the app, deletes it. Every refusal along the way is checked too.
 */
class PrivateAppsEndToEndTest {
  @RegisterExtension static final RunningLatchkey latchkey = new RunningLatchkey();

  private static final Grant TICKETS_READ =
      Grant.newBuilder().setDataModel("tickets").addActions(Action.ACTION_READ).build();
  private static final Grant COMPANIES_READ_UPDATE = Grant.newBuilder().setDataModel("companies")
      .addActions(Action.ACTION_READ).addActions(Action.ACTION_UPDATE).build();

  @Test
  void theWholeLifeOfAPrivateApp() throws Exception {
    CreateTenantResponse acme = createTenant("Acme", "admin@acme.test");
    String admin = acme.getOwnerTokenSecret();

    // Create by copying the admin's role, then narrow the copy.
    PrivateApp app = apps(admin).createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName("HubSpot sync").setDescription("Nightly sync"))
        .setCopyPermissionsFrom(acme.getOwner().getRole())
        .build());
    assertThat(app.getName()).startsWith("privateApps/");
    assertThat(app.getState()).isEqualTo(PrivateApp.State.STATE_ENABLED);
    assertThat(app.getCreator()).isEqualTo(acme.getOwner().getName());
    assertThat(app.getGrantsCount()).isGreaterThan(10);

    PrivateApp narrowed = apps(admin).updatePrivateApp(UpdatePrivateAppRequest.newBuilder()
        .setPrivateApp(app.toBuilder().clearGrants().addGrants(COMPANIES_READ_UPDATE).addGrants(TICKETS_READ))
        .setUpdateMask(FieldMask.newBuilder().addPaths("grants"))
        .build());
    assertThat(narrowed.getGrantsList()).containsExactly(COMPANIES_READ_UPDATE, TICKETS_READ);
    assertThat(narrowed.getEtag()).isNotEqualTo(app.getEtag());

    // The first etag is stale now.
    assertCode(Status.Code.ABORTED, () -> apps(admin).updatePrivateApp(UpdatePrivateAppRequest.newBuilder()
        .setPrivateApp(app.toBuilder().setDisplayName("Renamed"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name"))
        .build()));

    // Two tokens, each shown once.
    CreateApiTokenResponse first = createToken(admin, app.getName(), "production");
    CreateApiTokenResponse second = createToken(admin, app.getName(), "staging");
    assertThat(first.getSecret()).matches("^lka_[0-9A-Za-z]{49}$");
    assertThat(first.getApiToken().getPrefix()).isEqualTo(first.getSecret().substring(0, 10));
    assertThat(tokens(admin).listApiTokens(ListApiTokensRequest.newBuilder().setParent(app.getName()).build())
        .getApiTokensList())
        .extracting(t -> t.getDisplayName())
        .containsExactly("staging", "production");

    // Each token acts as the app, with the narrowed grants.
    for (String secret : List.of(first.getSecret(), second.getSecret())) {
      var identity = identity(secret);
      assertThat(identity.getPrincipal()).isEqualTo(app.getName());
      assertThat(identity.getGrantsList()).containsExactly(COMPANIES_READ_UPDATE, TICKETS_READ);
    }
    // ...and may not manage apps: it lacks private_apps.
    assertCode(Status.Code.PERMISSION_DENIED, () -> apps(first.getSecret())
        .listPrivateApps(ListPrivateAppsRequest.getDefaultInstance()));

    // The Logs tab shows the calls of both tokens, the refused one included.
    List<RequestLog> log = eventually(() -> RequestLogServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(admin))
        .listRequestLogs(ListRequestLogsRequest.newBuilder().setParent(app.getName()).build())
        .getRequestLogsList(), entries -> entries.size() >= 3);
    assertThat(log).extracting(RequestLog::getStatusCode).contains("OK", "PERMISSION_DENIED");
    assertThat(log).extracting(RequestLog::getToken)
        .contains(first.getApiToken().getName(), second.getApiToken().getName());
    assertThat(log).allSatisfy(entry -> {
      assertThat(entry.getPeer()).startsWith("127.0.0.1:");
      assertThat(entry.getUserAgent()).contains("grpc-java");
      assertThat(entry.getMethod()).startsWith("/latchkey.v1.");
    });

    // Deleting one token kills that token alone.
    tokens(admin).deleteApiToken(DeleteApiTokenRequest.newBuilder().setName(first.getApiToken().getName()).build());
    assertUnauthenticated(first.getSecret());
    assertThat(identity(second.getSecret()).getPrincipal()).isEqualTo(app.getName());
    assertCode(Status.Code.NOT_FOUND, () -> tokens(admin)
        .deleteApiToken(DeleteApiTokenRequest.newBuilder().setName(first.getApiToken().getName()).build()));

    // Disabled: refused; disabling twice changes nothing; enabled: works again.
    PrivateApp disabled = apps(admin).disablePrivateApp(DisablePrivateAppRequest.newBuilder().setName(app.getName()).build());
    assertThat(disabled.getState()).isEqualTo(PrivateApp.State.STATE_DISABLED);
    assertUnauthenticated(second.getSecret());
    assertThat(apps(admin).disablePrivateApp(DisablePrivateAppRequest.newBuilder().setName(app.getName()).build()))
        .isEqualTo(disabled);
    apps(admin).enablePrivateApp(EnablePrivateAppRequest.newBuilder().setName(app.getName()).build());
    assertThat(identity(second.getSecret()).getPrincipal()).isEqualTo(app.getName());

    // Deleted: refused for good, and gone.
    apps(admin).deletePrivateApp(DeletePrivateAppRequest.newBuilder().setName(app.getName()).build());
    assertUnauthenticated(second.getSecret());
    assertCode(Status.Code.NOT_FOUND, () -> apps(admin).getPrivateApp(
        GetPrivateAppRequest.newBuilder().setName(app.getName()).build()));
    assertCode(Status.Code.NOT_FOUND, () -> apps(admin).deletePrivateApp(
        DeletePrivateAppRequest.newBuilder().setName(app.getName()).build()));

    // The audit trail tells the story, attributed to the admin and the token it used.
    List<AuditEvent> events = AuditServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(admin))
        .listAuditEvents(ListAuditEventsRequest.newBuilder().setTarget(app.getName()).build())
        .getAuditEventsList();
    assertThat(events).extracting(AuditEvent::getAction).containsExactly(
        "private_app.deleted", "private_app.enabled", "private_app.disabled", "api_token.deleted",
        "api_token.created", "api_token.created", "private_app.updated", "private_app.created");
    assertThat(events).allSatisfy(e -> {
      assertThat(e.getActor()).isEqualTo(acme.getOwner().getName());
      assertThat(e.getToken()).startsWith(acme.getOwner().getName() + "/tokens/");
    });
  }

  @Test
  void whatAnAppTokenCreatesIsAttributedToTheApp() {
    String admin = createTenant("Attribution", "a@attribution.test").getOwnerTokenSecret();
    Grant manageApps = Grant.newBuilder().setDataModel("private_apps")
        .addActions(Action.ACTION_READ).addActions(Action.ACTION_CREATE).build();
    PrivateApp manager = createApp(admin, "App manager", manageApps, TICKETS_READ);
    String managerToken = createToken(admin, manager.getName(), "ci").getSecret();

    PrivateApp child = createApp(managerToken, "Child", TICKETS_READ);

    assertThat(child.getCreator()).isEqualTo(manager.getName());
    // No escalation: the manager cannot give what it does not hold.
    assertCode(Status.Code.PERMISSION_DENIED, () -> createApp(managerToken, "Greedy", COMPANIES_READ_UPDATE));
  }

  @Test
  void anotherTenantsAppIsNotFoundAndItsTokensAreInactiveToIntrospection() {
    CreateTenantResponse one = createTenant("Tenant One", "one@one.test");
    CreateTenantResponse two = createTenant("Tenant Two", "two@two.test");
    PrivateApp app = createApp(one.getOwnerTokenSecret(), "One's app", TICKETS_READ);
    String appToken = createToken(one.getOwnerTokenSecret(), app.getName(), "t").getSecret();

    assertCode(Status.Code.NOT_FOUND, () -> apps(two.getOwnerTokenSecret())
        .getPrivateApp(GetPrivateAppRequest.newBuilder().setName(app.getName()).build()));
    assertCode(Status.Code.NOT_FOUND, () -> createToken(two.getOwnerTokenSecret(), app.getName(), "steal"));

    var auth = AuthServiceGrpc.newBlockingStub(latchkey.channel());
    var ownTenant = auth.withCallCredentials(bearer(one.getOwnerTokenSecret()))
        .introspectToken(IntrospectTokenRequest.newBuilder().setToken(appToken).build());
    assertThat(ownTenant.getActive()).isTrue();
    assertThat(ownTenant.getIdentity().getPrincipal()).isEqualTo(app.getName());
    assertThat(auth.withCallCredentials(bearer(two.getOwnerTokenSecret()))
        .introspectToken(IntrospectTokenRequest.newBuilder().setToken(appToken).build()).getActive()).isFalse();
    assertThat(auth.withCallCredentials(bearer(one.getOwnerTokenSecret()))
        .introspectToken(IntrospectTokenRequest.newBuilder().setToken("garbage").build()).getActive()).isFalse();

    var check = CheckAccessRequest.newBuilder().setToken(appToken).setDataModel("tickets");
    assertThat(auth.withCallCredentials(bearer(one.getOwnerTokenSecret()))
        .checkAccess(check.setAction(Action.ACTION_READ).build()).getAllowed()).isTrue();
    assertThat(auth.withCallCredentials(bearer(one.getOwnerTokenSecret()))
        .checkAccess(check.setAction(Action.ACTION_DELETE).build()).getAllowed()).isFalse();
  }

  @Test
  void badPrivateAppFieldsAreInvalidArguments() {
    String admin = createTenant("Validation", "v@validation.test").getOwnerTokenSecret();

    assertCode(Status.Code.INVALID_ARGUMENT, () -> apps(admin).createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName("")).build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> createApp(admin, "Dup", TICKETS_READ, TICKETS_READ));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> createApp(admin, "Unknown model",
        Grant.newBuilder().setDataModel("spaceships").addActions(Action.ACTION_READ).build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> createApp(admin, "No action",
        Grant.newBuilder().setDataModel("tickets").build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> createApp(admin, "Unknown action",
        Grant.newBuilder().setDataModel("tickets").addActionsValue(99).build()));
    assertCode(Status.Code.NOT_FOUND, () -> apps(admin).createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName("Copy"))
        .setCopyPermissionsFrom("roles/01a20941-6a92-7000-9b4c-d10be0cf3289").build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> apps(admin).listPrivateApps(
        ListPrivateAppsRequest.newBuilder().setPageSize(-1).build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> apps(admin).listPrivateApps(
        ListPrivateAppsRequest.newBuilder().setPageToken("forged").build()));
    assertCode(Status.Code.INVALID_ARGUMENT, () -> apps(admin).listPrivateApps(
        ListPrivateAppsRequest.newBuilder().setFilter("name = x").build()));
  }

  private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
    // Request logs are written off the request path; poll (bounded) instead of asserting on timing.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      value = read.get();
    }
    return value;
  }

  private static CreateTenantResponse createTenant(String name, String email) {
    return TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()))
        .createTenant(CreateTenantRequest.newBuilder()
            .setTenant(Tenant.newBuilder().setDisplayName(name))
            .setOwnerEmail(email)
            .setOwnerDisplayName("Admin of " + name)
            .build());
  }

  private static PrivateApp createApp(String token, String name, Grant... grants) {
    return apps(token).createPrivateApp(CreatePrivateAppRequest.newBuilder()
        .setPrivateApp(PrivateApp.newBuilder().setDisplayName(name).addAllGrants(List.of(grants)))
        .build());
  }

  private static CreateApiTokenResponse createToken(String token, String app, String name) {
    return tokens(token).createApiToken(CreateApiTokenRequest.newBuilder()
        .setParent(app)
        .setApiToken(dev.latchkey.proto.v1.ApiToken.newBuilder().setDisplayName(name))
        .build());
  }

  private static PrivateAppServiceGrpc.PrivateAppServiceBlockingStub apps(String token) {
    return PrivateAppServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static ApiTokenServiceGrpc.ApiTokenServiceBlockingStub tokens(String token) {
    return ApiTokenServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private static dev.latchkey.proto.v1.CallerIdentity identity(String token) {
    return AuthServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());
  }

  private static void assertUnauthenticated(String token) {
    assertCode(Status.Code.UNAUTHENTICATED, () -> identity(token));
  }

  private static void assertCode(Status.Code code, Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code));
  }
}
