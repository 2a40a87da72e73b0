package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.CreateApiTokenCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateApiTokenServiceTest {
  private static final PermissionSet SUPPORT = PermissionSet.of(
      Grant.of(DataModel.COMPANIES, Action.READ), Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE));
  private static final DisplayName NAME = new DisplayName("Production");

  private final InMemoryPorts ports = new InMemoryPorts();
  private final CreateApiTokenService service = ports.createApiTokenService();
  private final AuthenticateTokenService authenticate = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);

  @Test
  void anAppGetsAnLkaTokenStoredOnlyAsItsDigest() {
    IssuedToken issued = service.execute(holder, new CreateApiTokenCommand(app.ref(), NAME));

    assertThat(issued.secret().kind()).isEqualTo(TokenKind.PRIVATE_APP);
    assertThat(issued.secret().reveal()).startsWith("lka_").hasSize(53);
    ApiToken stored = ports.tokens.findById(tenant, app.ref(), issued.token().id()).orElseThrow();
    assertThat(stored).isEqualTo(issued.token());
    assertThat(stored.owner()).isEqualTo(app.ref());
    assertThat(stored.creator()).isEqualTo(holder.actor());
    assertThat(stored.displayName()).isEqualTo(NAME);
    assertThat(stored.displayPrefix()).isEqualTo(issued.secret().displayPrefix()).startsWith("lka_");
    assertThat(stored.digest()).isEqualTo(ports.hasher.digest(issued.secret()));
    assertThat(stored.createTime()).isEqualTo(ports.clock.instant());
    assertThat(stored.lastUse()).isEmpty();
    assertThat(stored.toString()).doesNotContain(issued.secret().reveal());
  }

  @Test
  void theNewTokenAuthenticatesAsTheAppWithItsGrants() {
    IssuedToken issued = service.execute(holder, new CreateApiTokenCommand(app.ref(), NAME));

    assertThat(authenticate.authenticate(issued.secret().reveal())).isEqualTo(new TokenCheck.Valid(
        new Principal.TenantPrincipal(tenant, app.ref(), app.displayName().value(), SUPPORT, issued.token().id())));
  }

  @Test
  void theCreationIsAuditedWithoutTheSecret() {
    IssuedToken issued = service.execute(holder, new CreateApiTokenCommand(app.ref(), NAME));

    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.API_TOKEN_CREATED);
    assertThat(entry.target()).isEqualTo(app.resourceName() + "/tokens/" + issued.token().id());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.token()).contains(holder.tokenId());
    assertThat(entry.details())
        .isEqualTo(Map.of("display_name", "Production", "prefix", issued.secret().displayPrefix()));
    assertThat(entry.toString()).doesNotContain(issued.secret().reveal().substring(10));
  }

  @Test
  void appTokensNeedCreateOnPrivateApps() {
    Principal.TenantPrincipal caller = member(with(SUPPORT,
        Grant.of(DataModel.PRIVATE_APPS, Action.READ, Action.UPDATE, Action.DELETE)));

    assertThatThrownBy(() -> service.execute(caller, new CreateApiTokenCommand(app.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the create permission on private_apps");
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new CreateApiTokenCommand(app.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.tokens.countByOwner(tenant, app.ref())).isZero();
  }

  @Test
  void nobodyMintsATokenWithGrantsTheyDoNotHold() {
    Principal.TenantPrincipal caller = member(PermissionSet.of(
        Grant.of(DataModel.PRIVATE_APPS, Action.CREATE), Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE)));
    Principal.TenantPrincipal reader = member(PermissionSet.of(
        Grant.of(DataModel.PRIVATE_APPS, Action.CREATE, Action.READ), Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE)));

    // Without read on private apps the refusal does not tell which grants the app carries.
    assertThatThrownBy(() -> service.execute(caller, new CreateApiTokenCommand(app.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("you cannot give permissions you do not hold yourself: " + app.resourceName()
            + " has permissions you lack");
    assertThatThrownBy(() -> service.execute(reader, new CreateApiTokenCommand(app.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageEndingWith(": companies read");
    assertThat(ports.tokens.countByOwner(tenant, app.ref())).isZero();
  }

  @Test
  void aCallerHoldingTheAppsGrantsMayMintItsTokens() {
    Principal.TenantPrincipal caller = member(with(SUPPORT, Grant.of(DataModel.PRIVATE_APPS, Action.CREATE)));

    IssuedToken issued = service.execute(caller, new CreateApiTokenCommand(app.ref(), NAME));

    assertThat(issued.token().creator()).isEqualTo(caller.actor());
  }

  @Test
  void anAppOfAnotherTenantOrADeletedOneIsNotFound() {
    TenantId other = ports.createTenant().tenant().id();
    PrivateApp foreign = ports.storePrivateApp(other, PermissionSet.none());
    ports.privateApps.delete(tenant, app.id(), ports.clock.instant());

    assertThatThrownBy(() -> service.execute(holder, new CreateApiTokenCommand(foreign.ref(), NAME))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.execute(holder, new CreateApiTokenCommand(app.ref(), NAME))).isInstanceOf(NotFoundException.class);
    assertThat(ports.tokens.countByOwner(other, foreign.ref())).isZero();
    assertThat(ports.tokens.countByOwner(tenant, foreign.ref())).isZero();
    assertThat(ports.tokens.countByOwner(tenant, app.ref())).isZero();
  }

  @Test
  void anAppHasAtMostFiftyTokens() {
    for (int i = 0; i < 50; i++) {
      service.execute(holder, new CreateApiTokenCommand(app.ref(), NAME));
    }
    int auditEntries = ports.audit.entries().size();

    assertThatThrownBy(() -> service.execute(holder, new CreateApiTokenCommand(app.ref(), NAME)))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("50");
    assertThat(ports.tokens.countByOwner(tenant, app.ref())).isEqualTo(50);
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @Test
  void deletingOneOfFiftyTokensMakesRoomForAnother() {
    IssuedToken first = service.execute(holder, new CreateApiTokenCommand(app.ref(), NAME));
    for (int i = 1; i < 50; i++) {
      service.execute(holder, new CreateApiTokenCommand(app.ref(), NAME));
    }
    ports.tokens.delete(tenant, app.ref(), first.token().id(), ports.clock.instant());

    service.execute(holder, new CreateApiTokenCommand(app.ref(), NAME));

    assertThat(ports.tokens.countByOwner(tenant, app.ref())).isEqualTo(50);
  }

  @Test
  void anAppMayMintItsOwnTokens() {
    PrivateApp manager = ports.storePrivateApp(tenant, with(SUPPORT, Grant.of(DataModel.PRIVATE_APPS, Action.CREATE)));
    Principal.TenantPrincipal caller = ports.signInAs(tenant, manager.ref());

    IssuedToken issued = service.execute(caller, new CreateApiTokenCommand(manager.ref(), NAME));

    assertThat(issued.token().creator()).isEqualTo(manager.ref());
    assertThat(ports.audit.entries().getLast().actor()).isEqualTo(manager.ref());
  }

  @Test
  void aMemberWithApiAccessCreatesTheirOwnLkpToken() {
    User member = ports.storeMember(tenant, PermissionSet.none(), true);
    Principal.TenantPrincipal caller = ports.signInAs(tenant, member.ref());

    IssuedToken issued = service.execute(caller, new CreateApiTokenCommand(member.ref(), NAME));

    assertThat(issued.secret().reveal()).startsWith("lkp_");
    assertThat(issued.token().owner()).isEqualTo(member.ref());
    assertThat(authenticate.authenticate(issued.secret().reveal())).isInstanceOfSatisfying(
        TokenCheck.Valid.class, valid -> assertThat(valid.principal().actor()).isEqualTo(member.ref()));
  }

  @Test
  void theAccountHolderAlwaysHasApiAccess() {
    Role noApi = Fixtures.role(tenant, PermissionSet.none(), false);
    ports.roles.insert(noApi);
    User holderWithoutApiRole = new User(tenant, Fixtures.anyUserId(), Fixtures.anyEmail(), Fixtures.anyDisplayName(),
        noApi.id(), true, UserState.ACTIVE, ports.clock.instant(), ports.clock.instant(), 1);
    ports.users.insert(holderWithoutApiRole);
    Principal.TenantPrincipal caller = ports.signInAs(tenant, holderWithoutApiRole.ref());

    IssuedToken issued = service.execute(caller, new CreateApiTokenCommand(holderWithoutApiRole.ref(), NAME));

    assertThat(issued.token().owner()).isEqualTo(holderWithoutApiRole.ref());
  }

  @Test
  void aMemberWhoseRoleLostApiAccessCannotCreateAToken() {
    User member = ports.storeMember(tenant, PermissionSet.all(), false);
    // Authenticated just before the role lost API access.
    Principal.TenantPrincipal caller = new Principal.TenantPrincipal(
        tenant, member.ref(), member.displayName().value(), PermissionSet.all(), Fixtures.anyApiTokenId());

    assertThatThrownBy(() -> service.execute(caller, new CreateApiTokenCommand(member.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("your role does not include API access");
    assertThat(ports.tokens.countByOwner(tenant, member.ref())).isZero();
  }

  @Test
  void nobodyCreatesAnotherUsersToken() {
    User member = ports.storeMember(tenant, PermissionSet.none(), true);
    PrivateApp admin = ports.storePrivateApp(tenant, PermissionSet.all());

    assertThatThrownBy(() -> service.execute(holder, new CreateApiTokenCommand(member.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.execute(ports.signInAs(tenant, admin.ref()), new CreateApiTokenCommand(acme.owner().ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.tokens.countByOwner(tenant, member.ref())).isZero();
    assertThat(ports.tokens.countByOwner(tenant, acme.owner().ref())).isEqualTo(1);
  }

  private Principal.TenantPrincipal member(PermissionSet grants) {
    return ports.signInAs(tenant, ports.storeMember(tenant, grants, true).ref());
  }

  private static PermissionSet with(PermissionSet grants, Grant extra) {
    java.util.List<Grant> all = new java.util.ArrayList<>(grants.grants());
    all.add(extra);
    return PermissionSet.of(all);
  }
}
