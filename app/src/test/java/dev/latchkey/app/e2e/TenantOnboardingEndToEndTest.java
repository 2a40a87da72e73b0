package dev.latchkey.app.e2e;

import static dev.latchkey.app.e2e.RunningLatchkey.bearer;
import static dev.latchkey.app.e2e.RunningLatchkey.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.proto.v1.Action;
import dev.latchkey.proto.v1.AuthServiceGrpc;
import dev.latchkey.proto.v1.CallerIdentity;
import dev.latchkey.proto.v1.CreateTenantRequest;
import dev.latchkey.proto.v1.CreateTenantResponse;
import dev.latchkey.proto.v1.DataModelServiceGrpc;
import dev.latchkey.proto.v1.GetCallerIdentityRequest;
import dev.latchkey.proto.v1.GetTenantRequest;
import dev.latchkey.proto.v1.ListDataModelsRequest;
import dev.latchkey.proto.v1.ListTenantsRequest;
import dev.latchkey.proto.v1.ListTenantsResponse;
import dev.latchkey.proto.v1.Tenant;
import dev.latchkey.proto.v1.TenantServiceGrpc;
import dev.latchkey.proto.v1.User;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The walking skeleton's flow through the real server, called with the generated stubs. */
class TenantOnboardingEndToEndTest {
  @RegisterExtension static final RunningLatchkey latchkey = new RunningLatchkey();

  private TenantServiceGrpc.TenantServiceBlockingStub tenantsAsOperator() {
    return TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(latchkey.operatorToken()));
  }

  private AuthServiceGrpc.AuthServiceBlockingStub auth(String token) {
    return AuthServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token));
  }

  private CreateTenantResponse createTenant(String name, String email) {
    return tenantsAsOperator().createTenant(CreateTenantRequest.newBuilder()
        .setTenant(Tenant.newBuilder().setDisplayName(name))
        .setOwnerEmail(email)
        .setOwnerDisplayName("Owner of " + name)
        .build());
  }

  @Test
  void theOperatorCreatesATenantAndItsOwnerTokenIdentifiesTheOwner() {
    CreateTenantResponse created = createTenant("Acme", "Ada@Acme.test");

    assertThat(created.getTenant().getName()).matches("tenants/[0-9a-f-]{36}");
    assertThat(created.getTenant().getDisplayName()).isEqualTo("Acme");
    User owner = created.getOwner();
    assertThat(owner.getName()).matches("users/[0-9a-f-]{36}");
    assertThat(owner.getEmail()).isEqualTo("Ada@Acme.test");
    assertThat(owner.getAccountHolder()).isTrue();
    assertThat(owner.getState()).isEqualTo(User.State.STATE_ACTIVE);
    assertThat(owner.getRole()).startsWith("roles/");
    assertThat(created.getOwnerTokenSecret()).matches("^lkp_[0-9A-Za-z]{49}$");

    CallerIdentity identity = auth(created.getOwnerTokenSecret()).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());

    assertThat(identity.getPrincipal()).isEqualTo(owner.getName());
    assertThat(identity.getTenant()).isEqualTo(created.getTenant().getName());
    assertThat(identity.getDisplayName()).isEqualTo("Owner of Acme");
    assertThat(identity.getToken()).startsWith(owner.getName() + "/tokens/");
    // The account holder holds every action on every data model.
    assertThat(identity.getGrantsList()).hasSize(DataModel.values().length)
        .allSatisfy(g -> assertThat(g.getActionsList())
            .containsExactly(Action.ACTION_READ, Action.ACTION_CREATE, Action.ACTION_UPDATE, Action.ACTION_DELETE));
  }

  @Test
  void basicAuthWithTheTokenAsUserNameAndNoPasswordWorksToo() {
    String token = createTenant("Basic Co", "b@basic.test").getOwnerTokenSecret();
    String basic = "Basic " + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.US_ASCII));

    CallerIdentity identity = AuthServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(header(basic))
        .getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());

    assertThat(identity.getPrincipal()).startsWith("users/");
  }

  @Test
  void theOperatorIdentifiesAsTheOperatorWithoutATenant() {
    CallerIdentity identity = auth(latchkey.operatorToken()).getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance());

    assertThat(identity.getPrincipal()).isEqualTo("operator");
    assertThat(identity.getTenant()).isEmpty();
    assertThat(identity.getGrantsList()).isEmpty();
  }

  @Test
  void everyBadTokenIsRefusedWithTheSameStatusAndMessage() {
    String real = createTenant("Refusals", "r@refusals.test").getOwnerTokenSecret();
    String wrongChecksum = real.substring(0, real.length() - 1) + (real.endsWith("0") ? "1" : "0");
    String unknownButWellFormed = dev.latchkey.domain.token.TokenSecret.assemble(
        dev.latchkey.domain.token.TokenKind.PERSONAL, "A".repeat(43)).reveal();
    String unknownOperator = dev.latchkey.domain.token.TokenSecret.assemble(
        dev.latchkey.domain.token.TokenKind.OPERATOR, "B".repeat(43)).reveal();
    List<String> descriptions = new ArrayList<>();

    for (String bad : List.of("", "nonsense", "lkp_short", wrongChecksum, unknownButWellFormed, unknownOperator)) {
      var stub = bad.isEmpty()
          ? AuthServiceGrpc.newBlockingStub(latchkey.channel())
          : auth(bad);
      assertThatThrownBy(() -> stub.getCallerIdentity(GetCallerIdentityRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            descriptions.add(e.getStatus().getDescription());
          });
    }

    assertThat(descriptions).hasSize(6).containsOnly("missing or invalid credentials");
  }

  @Test
  void aTenantTokenCannotManageTenants() {
    String token = createTenant("Not An Operator", "n@nao.test").getOwnerTokenSecret();

    assertThatThrownBy(() -> TenantServiceGrpc.newBlockingStub(latchkey.channel()).withCallCredentials(bearer(token))
            .listTenants(ListTenantsRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void badTenantFieldsAreInvalidArgumentsWithFieldViolations() {
    CreateTenantRequest bad = CreateTenantRequest.newBuilder()
        .setTenant(Tenant.newBuilder().setDisplayName("x".repeat(101)))
        .setOwnerEmail("not-an-email")
        .setOwnerDisplayName(" ")
        .build();

    assertThatThrownBy(() -> tenantsAsOperator().createTenant(bad))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          BadRequest details = badRequest(e);
          assertThat(details.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
              .containsExactlyInAnyOrder("tenant.display_name", "owner_email", "owner_display_name");
        });
  }

  @Test
  void tenantsCanBeReadAndListedNewestFirst() {
    Tenant first = createTenant("Paging One", "p1@paging.test").getTenant();
    Tenant second = createTenant("Paging Two", "p2@paging.test").getTenant();

    assertThat(tenantsAsOperator().getTenant(GetTenantRequest.newBuilder().setName(first.getName()).build()))
        .isEqualTo(first);

    ListTenantsResponse page = tenantsAsOperator().listTenants(ListTenantsRequest.newBuilder().setPageSize(1).build());
    assertThat(page.getTenantsList()).containsExactly(second);
    ListTenantsResponse next = tenantsAsOperator().listTenants(
        ListTenantsRequest.newBuilder().setPageSize(1).setPageToken(page.getNextPageToken()).build());
    assertThat(next.getTenantsList()).containsExactly(first);
  }

  @Test
  void anAbsentTenantIsNotFoundAndAMalformedNameIsInvalid() {
    assertThatThrownBy(() -> tenantsAsOperator().getTenant(
            GetTenantRequest.newBuilder().setName("tenants/01a20941-6a92-7000-9b4c-d10be0cf3289").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> tenantsAsOperator().getTenant(GetTenantRequest.newBuilder().setName("tenants/x").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> tenantsAsOperator().listTenants(
            ListTenantsRequest.newBuilder().setPageToken("forged").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void healthNeedsNoTokenAndSaysServing() {
    HealthCheckResponse health = HealthGrpc.newBlockingStub(latchkey.channel())
        .check(HealthCheckRequest.getDefaultInstance());

    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void theDataModelCatalogListsBusinessAndAdministrativeModels() {
    var models = DataModelServiceGrpc.newBlockingStub(latchkey.channel())
        .withCallCredentials(bearer(latchkey.operatorToken()))
        .listDataModels(ListDataModelsRequest.getDefaultInstance())
        .getDataModelsList();

    assertThat(models).extracting(dev.latchkey.proto.v1.DataModel::getName)
        .contains("companies", "end_users", "tickets", "invoices", "private_apps", "token_introspection")
        .hasSize(DataModel.values().length);
  }

  @Test
  void theTenantAndEverythingCreatedWithItIsAuditedAsTheOperator() throws SQLException {
    String tenantName = createTenant("Audited", "a@audited.test").getTenant().getName();
    String tenantId = tenantName.substring("tenants/".length());

    List<String> actions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(latchkey.databaseUrl()); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select action, actor from audit_event where tenant_id = '" + tenantId
            + "' order by id")) {
      while (r.next()) {
        assertThat(r.getString("actor")).isEqualTo("operator");
        actions.add(r.getString("action"));
      }
    }
    assertThat(actions).containsExactly(
        "tenant.created", "role.created", "role.created", "user.created", "api_token.created");
  }

  @Test
  void noSecretIsStoredInTheDatabase() throws SQLException {
    String secret = createTenant("Secretive", "s@secretive.test").getOwnerTokenSecret();
    String operator = latchkey.operatorToken();
    String dump = dumpEveryTable();

    assertThat(dump).isNotEmpty().doesNotContain(secret).doesNotContain(operator)
        .doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.US_ASCII)))
        // only the display prefix of the token is kept
        .contains(secret.substring(0, 10));
  }

  private String dumpEveryTable() throws SQLException {
    StringBuilder dump = new StringBuilder();
    try (Connection c = DriverManager.getConnection(latchkey.databaseUrl()); Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("select row_to_json(t)::text from \"" + table + "\" t")) {
          while (r.next()) {
            dump.append(r.getString(1)).append('\n');
          }
        }
      }
    }
    return dump.toString();
  }

  private static BadRequest badRequest(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).isNotNull();
    return status.getDetailsList().stream()
        .filter(d -> d.is(BadRequest.class))
        .map(d -> {
          try {
            return d.unpack(BadRequest.class);
          } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
          }
        })
        .findFirst()
        .orElseThrow();
  }
}
