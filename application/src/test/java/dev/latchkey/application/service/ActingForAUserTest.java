package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.application.port.in.CreatePrivateAppCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.ListRequestLogsQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.port.in.UpdateRoleCommand;
import dev.latchkey.application.service.ChangeRecorder;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The operator acting for a signed-in person ({@code latchkey-act-as}). */
class ActingForAUserTest {
  private static final PermissionSet SUPPORT = PermissionSet.of(
      Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE), Grant.of(DataModel.COMPANIES, Action.READ));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final AuthenticateTokenService service = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();

  @Test
  void theOperatorActsForAUserWithTheUsersGrantsAndNoToken() {
    User ada = ports.storeMember(tenant, SUPPORT, true);

    TokenCheck check = service.actAs(Fixtures.operator(), tenant, ada.id());

    assertThat(check).isEqualTo(new TokenCheck.Valid(
        Principal.TenantPrincipal.actedForByOperator(tenant, ada.ref(), ada.displayName().value(), SUPPORT)));
    Principal.TenantPrincipal principal = principalOf(check);
    assertThat(principal.viaMeans()).contains(new Actor.Operator());
    assertThat(principal.token()).isEmpty();
    assertThat(CallerIdentity.of(principal).token()).isEmpty();
    assertThat(CallerIdentity.of(principal).principal()).isEqualTo(ada.resourceName());
  }

  @Test
  void aUserWhoseRoleLacksApiAccessMayStillBeActedFor() {
    User ada = ports.storeMember(tenant, SUPPORT, false);

    assertThat(principalOf(service.actAs(Fixtures.operator(), tenant, ada.id())).grants()).isEqualTo(SUPPORT);
  }

  @Test
  void theAccountHolderIsActedForWithEveryPermission() {
    assertThat(principalOf(service.actAs(Fixtures.operator(), tenant, acme.owner().id())).grants())
        .isEqualTo(PermissionSet.all());
  }

  @Test
  void aRoleChangeTakesEffectTheNextTimeTheOperatorActs() {
    User ada = ports.storeMember(tenant, SUPPORT, false);
    Role role = ports.roles.findById(tenant, ada.roleId()).orElseThrow();
    PermissionSet narrowed = PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ));
    ports.updateRoleService().execute(ports.actAs(tenant, acme.owner().id()),
        new dev.latchkey.application.port.in.UpdateRoleCommand(role.id(), Optional.empty(), Optional.of(narrowed),
            Optional.empty(), OptionalLong.empty()));

    assertThat(principalOf(service.actAs(Fixtures.operator(), tenant, ada.id())).grants()).isEqualTo(narrowed);
  }

  @Test
  void onlyTheOperatorMayActForSomeone() {
    User ada = ports.storeMember(tenant, SUPPORT, true);
    Principal holderToken = ports.signIn(acme.ownerToken());
    Principal app = ports.signInAs(tenant, ports.storePrivateApp(tenant, PermissionSet.all()).ref());
    Principal actedFor = ports.actAs(tenant, acme.owner().id());

    for (Principal caller : new Principal[] {holderToken, app, actedFor}) {
      assertThatThrownBy(() -> service.actAs(caller, tenant, ada.id()))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("only the operator token may act for a user");
    }
  }

  @Test
  void anUnknownDeletedDeactivatedOrForeignUserCannotBeActedFor() {
    User paused = ports.storeMember(tenant, SUPPORT, true);
    ports.users.update(paused.withState(UserState.DEACTIVATED, ports.clock.instant()));
    User deleted = ports.storeMember(tenant, SUPPORT, true);
    ports.users.delete(tenant, deleted.id(), ports.clock.instant());
    CreatedTenant other = ports.createTenant();

    assertThat(service.actAs(Fixtures.operator(), tenant, Fixtures.anyUserId())).isEqualTo(new TokenCheck.OwnerInactive());
    assertThat(service.actAs(Fixtures.operator(), tenant, paused.id())).isEqualTo(new TokenCheck.OwnerInactive());
    assertThat(service.actAs(Fixtures.operator(), tenant, deleted.id())).isEqualTo(new TokenCheck.OwnerInactive());
    assertThat(service.actAs(Fixtures.operator(), tenant, other.owner().id())).isEqualTo(new TokenCheck.OwnerInactive());
    assertThat(service.actAs(Fixtures.operator(), other.tenant().id(), acme.owner().id()))
        .isEqualTo(new TokenCheck.OwnerInactive());
    assertThat(service.actAs(Fixtures.operator(), Fixtures.anyTenantId(), acme.owner().id()))
        .isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void actingForAUserRecordsNoTokenUse() {
    service.actAs(Fixtures.operator(), tenant, acme.owner().id());

    assertThat(ports.usage.flush()).isZero();
    assertThat(ports.tokens.findById(tenant, acme.owner().ref(), acme.ownerToken().token().id()).orElseThrow()
        .lastUse()).isEmpty();
  }

  @Test
  void theAuditTrailNamesTheUserAsActorAndTheOperatorAsMeans() {
    Principal.TenantPrincipal admin = ports.actAs(tenant, acme.owner().id());
    Instant at = ports.clock.advance(Duration.ofMinutes(1));

    ports.changeRecorder().record(admin, tenant, at,
        new ChangeEvent.UserUpdated(acme.owner().id(), Optional.of(new DisplayName("X")), Optional.empty()));

    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.actor()).isEqualTo(acme.owner().ref());
    assertThat(entry.viaMeans()).contains(new Actor.Operator());
    assertThat(entry.token()).isEmpty();
    assertThat(entry.time()).isEqualTo(at);
    assertThat(entry.tenantId()).isEqualTo(tenant);
  }

  @Test
  void aRecorderAttributesEveryEntryTheSameWay() {
    Principal.TenantPrincipal admin = ports.actAs(tenant, acme.owner().id());
    Principal.TenantPrincipal withToken = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
    Instant at = ports.clock.instant();

    ChangeRecorder recorder = ports.changeRecorder();
    Role role = ports.roles.findById(tenant, acme.owner().roleId()).orElseThrow();
    recorder.record(admin, tenant, at, new ChangeEvent.RoleCreated(role));
    recorder.record(admin, tenant, at, new ChangeEvent.UserCreated(acme.owner()));
    recorder.record(withToken, tenant, at, new ChangeEvent.RoleDeleted(role));

    var last = ports.audit.entries().subList(ports.audit.entries().size() - 3, ports.audit.entries().size());
    assertThat(last.get(0).viaMeans()).contains(new Actor.Operator());
    assertThat(last.get(1).viaMeans()).contains(new Actor.Operator());
    assertThat(last.get(1).actor()).isEqualTo(acme.owner().ref());
    assertThat(last.get(2).viaMeans()).isEmpty();
    assertThat(last.get(2).token()).contains(withToken.tokenId());
    assertThat(last).extracting(AuditEntry::id).doesNotHaveDuplicates();
  }

  @Test
  void anAdminScreenManagesPrivateAppsAsItsSignedInAdmin() {
    Principal.TenantPrincipal admin = ports.actAs(tenant, acme.owner().id());

    PrivateApp app = ports.createPrivateAppService().execute(admin,
        new CreatePrivateAppCommand(new DisplayName("Zapier"), Description.EMPTY, SUPPORT, Optional.empty()));

    assertThat(app.creator()).isEqualTo(acme.owner().ref());
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.PRIVATE_APP_CREATED);
    assertThat(entry.actor()).isEqualTo(acme.owner().ref());
    assertThat(entry.viaMeans()).contains(new Actor.Operator());
    assertThat(entry.token()).isEmpty();
  }

  @Test
  void aCallMadeThroughTheOperatorIsInTheUsersRequestLogWithTheOperatorAsMeans() throws InterruptedException {
    Principal.TenantPrincipal admin = ports.actAs(tenant, acme.owner().id());
    Instant at = ports.clock.instant();

    ports.recordRequestService().record(admin, at, "/latchkey.v1.UserService/ListUsers", "OK", Duration.ofMillis(4),
        "peer", "web-app");

    RequestLogEntry entry = ports.requestLog.recorded().getLast();
    assertThat(entry).isEqualTo(new RequestLogEntry(tenant, acme.owner().ref(), null, new Actor.Operator(), at,
        "/latchkey.v1.UserService/ListUsers", "OK", Duration.ofMillis(4), "peer", "web-app"));
    assertThat(entry.tokenName()).isEmpty();
    assertThat(ports.listRequestLogsService().execute(admin, new ListRequestLogsQuery(acme.owner().ref(), new PageQuery(10, ""))).items())
        .containsExactly(entry);
  }

  private static Principal.TenantPrincipal principalOf(TokenCheck check) {
    assertThat(check).isInstanceOf(TokenCheck.Valid.class);
    return (Principal.TenantPrincipal) ((TokenCheck.Valid) check).principal();
  }
}
