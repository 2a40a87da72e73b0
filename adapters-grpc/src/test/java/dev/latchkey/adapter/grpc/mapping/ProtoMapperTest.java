package dev.latchkey.adapter.grpc.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.latchkey.adapter.grpc.support.TestValues;
import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEventId;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserState;
import dev.latchkey.proto.v1.DataModelKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProtoMapperTest {

  @Test
  void timestampKeepsSecondsAndNanos() {
    Timestamp timestamp = ProtoMapper.timestamp(Instant.parse("2025-03-01T10:15:30.123456789Z"));

    assertThat(timestamp.getSeconds()).isEqualTo(Instant.parse("2025-03-01T10:15:30Z").getEpochSecond());
    assertThat(timestamp.getNanos()).isEqualTo(123_456_789);
  }

  @Test
  void timestampBeforeTheEpochStaysValid() {
    Timestamp timestamp = ProtoMapper.timestamp(Instant.parse("1969-12-31T23:59:59.5Z"));

    assertThat(timestamp.getSeconds()).isEqualTo(-1);
    assertThat(timestamp.getNanos()).isEqualTo(500_000_000);
  }

  @Test
  void tenantCarriesItsNameDisplayNameAndTimes() {
    Tenant tenant = TestValues.tenant();

    dev.latchkey.proto.v1.Tenant proto = ProtoMapper.tenant(tenant);

    assertThat(proto.getName()).isEqualTo("tenants/" + tenant.id().value());
    assertThat(proto.getDisplayName()).isEqualTo("Acme Corp");
    assertThat(instant(proto.getCreateTime())).isEqualTo(TestValues.CREATED);
    assertThat(instant(proto.getUpdateTime())).isEqualTo(TestValues.UPDATED);
  }

  @Test
  void userCarriesRoleNameAccountHolderStateTimesAndEtag() {
    RoleId roleId = new RoleId(UUID.randomUUID());
    User user = TestValues.accountHolder(TestValues.tenantId(), roleId);

    dev.latchkey.proto.v1.User proto = ProtoMapper.user(user);

    assertThat(proto.getName()).isEqualTo("users/" + user.id().value());
    assertThat(proto.getEmail()).isEqualTo("ada@example.com");
    assertThat(proto.getDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(proto.getRole()).isEqualTo("roles/" + roleId.value());
    assertThat(proto.getAccountHolder()).isTrue();
    assertThat(proto.getState()).isEqualTo(dev.latchkey.proto.v1.User.State.STATE_ACTIVE);
    assertThat(instant(proto.getCreateTime())).isEqualTo(TestValues.CREATED);
    assertThat(instant(proto.getUpdateTime())).isEqualTo(TestValues.UPDATED);
    assertThat(proto.getEtag()).isEqualTo(Etags.of(7)).isEqualTo("v7");
  }

  @Test
  void deactivatedMemberIsStateDeactivatedAndNotTheAccountHolder() {
    User holder = TestValues.accountHolder(TestValues.tenantId(), new RoleId(UUID.randomUUID()));
    User member = new User(holder.tenantId(), holder.id(), holder.email(), holder.displayName(), holder.roleId(),
        false, UserState.DEACTIVATED, holder.createTime(), holder.updateTime(), 8);

    dev.latchkey.proto.v1.User proto = ProtoMapper.user(member);

    assertThat(proto.getState()).isEqualTo(dev.latchkey.proto.v1.User.State.STATE_DEACTIVATED);
    assertThat(proto.getAccountHolder()).isFalse();
    assertThat(proto.getEtag()).isNotEqualTo(ProtoMapper.user(holder).getEtag());
  }

  @Test
  void callerIdentityOfAMemberNamesTenantTokenAndGrantsInCatalogOrder() {
    Principal.TenantPrincipal member = TestValues.member(TestValues.tenantId(), PermissionSet.of(
        Grant.of(DataModel.TOKEN_INTROSPECTION, Action.READ),
        Grant.of(DataModel.USERS, Action.DELETE, Action.READ),
        Grant.of(DataModel.COMPANIES, Action.UPDATE, Action.CREATE, Action.READ)));

    dev.latchkey.proto.v1.CallerIdentity proto = ProtoMapper.callerIdentity(CallerIdentity.of(member));

    assertThat(proto.getPrincipal()).isEqualTo(member.actor().resourceName()).startsWith("users/");
    assertThat(proto.getDisplayName()).isEqualTo("Ada Lovelace");
    assertThat(proto.getTenant()).isEqualTo("tenants/" + member.tenantId().value());
    assertThat(proto.getToken()).isEqualTo(member.actor().resourceName() + "/tokens/" + member.tokenId().value());
    assertThat(proto.getGrantsList()).extracting(dev.latchkey.proto.v1.Grant::getDataModel)
        .containsExactly("companies", "users", "token_introspection");
    assertThat(proto.getGrants(0).getActionsList()).containsExactly(
        dev.latchkey.proto.v1.Action.ACTION_READ,
        dev.latchkey.proto.v1.Action.ACTION_CREATE,
        dev.latchkey.proto.v1.Action.ACTION_UPDATE);
    assertThat(proto.getGrants(1).getActionsList()).containsExactly(
        dev.latchkey.proto.v1.Action.ACTION_READ, dev.latchkey.proto.v1.Action.ACTION_DELETE);
  }

  @Test
  void callerIdentityOfTheOperatorHasNoTenantTokenOrGrants() {
    dev.latchkey.proto.v1.CallerIdentity proto =
        ProtoMapper.callerIdentity(CallerIdentity.of(TestValues.operator()));

    assertThat(proto.getPrincipal()).isEqualTo("operator");
    assertThat(proto.getTenant()).isEmpty();
    assertThat(proto.getToken()).isEmpty();
    assertThat(proto.getGrantsList()).isEmpty();
  }

  @Test
  void roleCarriesNameDisplayNameGrantsApiAccessTimesAndEtag() {
    Role role = TestValues.role(TestValues.tenantId(), PermissionSet.of(
        Grant.of(DataModel.USERS, Action.READ), Grant.of(DataModel.COMPANIES, Action.DELETE, Action.READ)), true);

    dev.latchkey.proto.v1.Role proto = ProtoMapper.role(role);

    assertThat(proto.getName()).isEqualTo("roles/" + role.id().value());
    assertThat(proto.getDisplayName()).isEqualTo("Support agent");
    assertThat(proto.getGrantsList()).extracting(dev.latchkey.proto.v1.Grant::getDataModel)
        .containsExactly("companies", "users");
    assertThat(proto.getGrants(0).getActionsList()).containsExactly(
        dev.latchkey.proto.v1.Action.ACTION_READ, dev.latchkey.proto.v1.Action.ACTION_DELETE);
    assertThat(proto.getApiAccess()).isTrue();
    assertThat(instant(proto.getCreateTime())).isEqualTo(TestValues.CREATED);
    assertThat(instant(proto.getUpdateTime())).isEqualTo(TestValues.UPDATED);
    assertThat(proto.getEtag()).isEqualTo("v3");
  }

  @Test
  void roleWithoutApiAccessOrGrantsSaysSo() {
    dev.latchkey.proto.v1.Role proto = ProtoMapper.role(TestValues.role(TestValues.tenantId(), PermissionSet.none(),
        false));

    assertThat(proto.getApiAccess()).isFalse();
    assertThat(proto.getGrantsList()).isEmpty();
  }

  @Test
  void auditEventOfAUserActingWithItsOwnTokenNamesTheTokenAndNoMeans() {
    TenantId tenant = TestValues.tenantId();
    Actor.UserRef user = new Actor.UserRef(new UserId(UUID.randomUUID()));
    ApiTokenId token = new ApiTokenId(UUID.randomUUID());
    AuditEntry entry = new AuditEntry(tenant, new AuditEventId(UUID.randomUUID()), TestValues.CREATED, user, token,
        AuditAction.USER_UPDATED, "users/x", Map.of("role", "roles/y"));

    dev.latchkey.proto.v1.AuditEvent proto = ProtoMapper.auditEvent(entry);

    assertThat(proto.getActor()).isEqualTo(user.resourceName());
    assertThat(proto.getToken()).isEqualTo(user.resourceName() + "/tokens/" + token);
    assertThat(proto.getMeans()).isEmpty();
    assertThat(proto.getAction()).isEqualTo("user.updated");
    assertThat(proto.getDetailsMap()).containsEntry("role", "roles/y");
  }

  @Test
  void auditEventOfTheOperatorActingForAUserNamesTheUserAsActorAndTheOperatorAsMeans() {
    Actor.UserRef user = new Actor.UserRef(new UserId(UUID.randomUUID()));
    AuditEntry entry = new AuditEntry(TestValues.tenantId(), new AuditEventId(UUID.randomUUID()), TestValues.CREATED,
        user, null, new Actor.Operator(), AuditAction.PRIVATE_APP_CREATED, "privateApps/x", Map.of());

    dev.latchkey.proto.v1.AuditEvent proto = ProtoMapper.auditEvent(entry);

    assertThat(proto.getActor()).isEqualTo(user.resourceName());
    assertThat(proto.getToken()).isEmpty();
    assertThat(proto.getMeans()).isEqualTo("operator");
  }

  @Test
  void auditEventOfTheOperatorItselfHasNoMeans() {
    AuditEntry entry = new AuditEntry(TestValues.tenantId(), new AuditEventId(UUID.randomUUID()), TestValues.CREATED,
        new Actor.Operator(), null, AuditAction.TENANT_CREATED, "tenants/x", Map.of());

    dev.latchkey.proto.v1.AuditEvent proto = ProtoMapper.auditEvent(entry);

    assertThat(proto.getActor()).isEqualTo("operator");
    assertThat(proto.getMeans()).isEmpty();
  }

  @Test
  void requestLogOfACallWithAUsersOwnTokenNamesTheTokenAndNoMeans() {
    Actor.UserRef user = new Actor.UserRef(new UserId(UUID.randomUUID()));
    ApiTokenId token = new ApiTokenId(UUID.randomUUID());
    RequestLogEntry entry = new RequestLogEntry(TestValues.tenantId(), user, token, TestValues.CREATED,
        "/latchkey.v1.UserService/ListUsers", "OK", Duration.ofMillis(12), "10.0.0.1:5000", "curl/8");

    dev.latchkey.proto.v1.RequestLog proto = ProtoMapper.requestLog(entry);

    assertThat(proto.getToken()).isEqualTo(user.resourceName() + "/tokens/" + token);
    assertThat(proto.getMeans()).isEmpty();
    assertThat(proto.getDuration().getNanos()).isEqualTo(12_000_000);
  }

  @Test
  void requestLogOfACallTheOperatorMadeForAUserHasNoTokenAndTheOperatorAsMeans() {
    Actor.UserRef user = new Actor.UserRef(new UserId(UUID.randomUUID()));
    RequestLogEntry entry = new RequestLogEntry(TestValues.tenantId(), user, null, new Actor.Operator(),
        TestValues.CREATED, "/latchkey.v1.ApiTokenService/CreateApiToken", "OK", Duration.ofMillis(3), "10.0.0.2:1",
        "webapp");

    dev.latchkey.proto.v1.RequestLog proto = ProtoMapper.requestLog(entry);

    assertThat(proto.getToken()).isEmpty();
    assertThat(proto.getMeans()).isEqualTo("operator");
    assertThat(proto.getMethod()).isEqualTo("/latchkey.v1.ApiTokenService/CreateApiToken");
  }

  @Test
  void callerIdentityOfAUserTheOperatorActsForHasNoToken() {
    Principal.TenantPrincipal user = TestValues.actedFor(TestValues.tenantId(),
        PermissionSet.of(Grant.of(DataModel.USERS, Action.READ)));

    dev.latchkey.proto.v1.CallerIdentity proto = ProtoMapper.callerIdentity(CallerIdentity.of(user));

    assertThat(proto.getPrincipal()).isEqualTo(user.actor().resourceName());
    assertThat(proto.getTenant()).isEqualTo("tenants/" + user.tenantId());
    assertThat(proto.getToken()).isEmpty();
    assertThat(proto.getGrantsList()).hasSize(1);
  }

  @Test
  void everyActionHasItsOwnApiValue() {
    assertThat(List.of(Action.values())).extracting(ProtoMapper::action).doesNotHaveDuplicates()
        .doesNotContain(dev.latchkey.proto.v1.Action.ACTION_UNSPECIFIED);
  }

  @Test
  void dataModelCarriesApiNameDisplayNameKindAndDescription() {
    dev.latchkey.proto.v1.DataModel business = ProtoMapper.dataModel(DataModel.END_USERS);
    dev.latchkey.proto.v1.DataModel admin = ProtoMapper.dataModel(DataModel.PRIVATE_APPS);

    assertThat(business.getName()).isEqualTo("end_users");
    assertThat(business.getDisplayName()).isEqualTo("End users");
    assertThat(business.getKind()).isEqualTo(DataModelKind.DATA_MODEL_KIND_BUSINESS);
    assertThat(business.getDescription()).isEqualTo(DataModel.END_USERS.description());
    assertThat(admin.getKind()).isEqualTo(DataModelKind.DATA_MODEL_KIND_ADMINISTRATIVE);
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
