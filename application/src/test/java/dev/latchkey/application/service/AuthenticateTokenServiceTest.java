package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.fakes.FakeOperatorCredentials;
import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserState;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateTokenServiceTest {
  private static final PermissionSet SUPPORT =
      PermissionSet.of(Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE), Grant.of(DataModel.COMPANIES, Action.READ));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final AuthenticateTokenService service = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
    "not a token",
    "Bearer lkp_00000000000000000000000000000000000000000002anijP",
    "lkp_00000000000000000000000000000000000000000002anijQ",
    "lkp_00000000000000000000000000000000000000000002anij",
    "lkx_00000000000000000000000000000000000000000002anijP",
  })
  void aMalformedTokenIsRefusedWithoutTouchingTheRepositories(String presented) {
    int tokenCalls = ports.tokens.calls();
    int userCalls = ports.users.calls();
    int roleCalls = ports.roles.calls();
    int hashes = ports.hasher.calls();

    assertThat(service.authenticate(presented)).isEqualTo(new TokenCheck.Malformed());

    assertThat(ports.tokens.calls()).isEqualTo(tokenCalls);
    assertThat(ports.users.calls()).isEqualTo(userCalls);
    assertThat(ports.roles.calls()).isEqualTo(roleCalls);
    assertThat(ports.hasher.calls()).isEqualTo(hashes);
  }

  @Test
  void aSingleMistypedCharacterMakesAValidTokenMalformed() {
    String token = acme.ownerToken().secret().reveal();
    char last = token.charAt(52);
    String mistyped = token.substring(0, 52) + (last == 'a' ? 'b' : 'a');

    assertThat(service.authenticate(mistyped)).isEqualTo(new TokenCheck.Malformed());
  }

  @Test
  void aWellFormedTokenThatWasNeverIssuedIsUnknown() {
    TokenSecret neverStored = ports.secrets.newToken(TokenKind.PERSONAL);

    assertThat(service.authenticate(neverStored.reveal())).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void theOperatorTokenAuthenticatesTheOperator() {
    int tokenCalls = ports.tokens.calls();

    assertThat(service.authenticate(FakeOperatorCredentials.DEFAULT.reveal()))
        .isEqualTo(new TokenCheck.Valid(new Principal.OperatorPrincipal()));
    assertThat(ports.tokens.calls()).isEqualTo(tokenCalls);
  }

  @Test
  void anotherOperatorShapedTokenIsUnknown() {
    TokenSecret impostor = ports.secrets.newToken(TokenKind.OPERATOR);

    assertThat(service.authenticate(impostor.reveal())).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void tenantIngestTokensAreNotAcceptedYet() {
    assertThat(service.authenticate(ports.secrets.newToken(TokenKind.TENANT_INGEST).reveal()))
        .isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void aValidPersonalTokenAuthenticatesItsOwnerInItsTenant() {
    TokenCheck check = service.authenticate(acme.ownerToken().secret().reveal());

    assertThat(check).isEqualTo(new TokenCheck.Valid(new Principal.TenantPrincipal(
        tenant, acme.owner().ref(), acme.owner().displayName().value(), PermissionSet.all(),
        acme.ownerToken().token().id())));
  }

  @Test
  void theAccountHolderHoldsEveryPermissionWhateverTheRole() {
    Role limited = Fixtures.role(tenant, PermissionSet.none(), false);
    ports.roles.insert(limited);
    User holder = new User(tenant, Fixtures.anyUserId(), Fixtures.anyEmail(), Fixtures.anyDisplayName(),
        limited.id(), true, UserState.ACTIVE, acme.owner().createTime(), acme.owner().updateTime(), 1);
    ports.users.insert(holder);
    IssuedToken token = ports.issueToken(tenant, holder.ref());

    assertThat(principalOf(service.authenticate(token.secret().reveal())).grants()).isEqualTo(PermissionSet.all());
  }

  @Test
  void aTeamMemberHoldsTheGrantsOfTheirRole() {
    Role support = Fixtures.role(tenant, SUPPORT, true);
    ports.roles.insert(support);
    User member = Fixtures.member(tenant, support.id());
    ports.users.insert(member);
    IssuedToken token = ports.issueToken(tenant, member.ref());

    Principal.TenantPrincipal principal = principalOf(service.authenticate(token.secret().reveal()));

    assertThat(principal.grants()).isEqualTo(SUPPORT);
    assertThat(principal.actor()).isEqualTo(member.ref());
    assertThat(principal.tokenId()).isEqualTo(token.token().id());
    assertThat(principal.displayName()).isEqualTo(member.displayName().value());
  }

  @Test
  void aDeactivatedUsersTokenIsRefused() {
    Role support = Fixtures.role(tenant, SUPPORT, true);
    ports.roles.insert(support);
    User member = deactivated(Fixtures.member(tenant, support.id()));
    ports.users.insert(member);
    IssuedToken token = ports.issueToken(tenant, member.ref());

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void aDeactivatedAccountHoldersTokenIsRefused() {
    User holder = deactivated(new User(tenant, Fixtures.anyUserId(), Fixtures.anyEmail(), Fixtures.anyDisplayName(),
        acme.owner().roleId(), true, UserState.ACTIVE, acme.owner().createTime(), acme.owner().updateTime(), 1));
    ports.users.insert(holder);
    IssuedToken token = ports.issueToken(tenant, holder.ref());

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void aTeamMemberWhoseRoleLacksApiAccessIsRefused() {
    Role noApi = Fixtures.role(tenant, SUPPORT, false);
    ports.roles.insert(noApi);
    User member = Fixtures.member(tenant, noApi.id());
    ports.users.insert(member);
    IssuedToken token = ports.issueToken(tenant, member.ref());

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void aTokenWhoseOwnerNoLongerExistsIsRefused() {
    IssuedToken token = ports.issueToken(tenant, new Actor.UserRef(Fixtures.anyUserId()));

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void aTokenRecordedInAnotherTenantThanItsOwnerIsRefused() {
    TenantId otherTenant = ports.createTenant().tenant().id();
    IssuedToken token = ports.issueToken(otherTenant, acme.owner().ref());

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void aPersonalTokenPresentedWithAnotherPrefixIsRefused() {
    TokenSecret appShaped = ports.secrets.newToken(TokenKind.PRIVATE_APP);
    ports.tokens.insert(new ApiToken(tenant, Fixtures.anyApiTokenId(), acme.owner().ref(),
        Fixtures.anyDisplayName(), appShaped.displayPrefix(), ports.hasher.digest(appShaped),
        ports.clock.instant(), new Actor.Operator(), null));

    assertThat(service.authenticate(appShaped.reveal())).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void aTokenOfAnAppThatNeverExistedIsRefused() {
    IssuedToken token = ports.issueToken(tenant, new Actor.PrivateAppRef(new PrivateAppId(UUID.randomUUID())));

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void anAppTokenIsValidWithTheAppsGrantsAndDisplayName() {
    PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
    IssuedToken token = ports.issueToken(tenant, app.ref());

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.Valid(
        new Principal.TenantPrincipal(tenant, app.ref(), app.displayName().value(), SUPPORT, token.token().id())));
  }

  @Test
  void anAppTokenCarriesTheAppsGrantsAsOfNow() {
    PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
    IssuedToken token = ports.issueToken(tenant, app.ref());
    PermissionSet narrowed = PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ));
    ports.privateApps.update(app.withGrants(narrowed, ports.clock.instant()));

    assertThat(principalOf(service.authenticate(token.secret().reveal())).grants()).isEqualTo(narrowed);
  }

  @Test
  void aDisabledAppsTokenIsRefusedUntilTheAppIsEnabledAgain() {
    PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
    IssuedToken token = ports.issueToken(tenant, app.ref());
    PrivateApp disabled = app.disable(ports.clock.instant());
    ports.privateApps.update(disabled);

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());

    ports.privateApps.update(disabled.enable(ports.clock.instant()));
    assertThat(service.authenticate(token.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void aDeletedAppsTokenIsRefusedEvenIfTheTokenItselfSurvived() {
    PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
    IssuedToken token = ports.issueToken(tenant, app.ref());
    ports.privateApps.delete(tenant, app.id(), ports.clock.instant());

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void anAppTokenRecordedInAnotherTenantThanItsAppIsRefused() {
    PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
    IssuedToken token = ports.issueToken(ports.createTenant().tenant().id(), app.ref());

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void aDeletedTokenIsUnknown() {
    PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
    IssuedToken token = ports.issueToken(tenant, app.ref());
    ports.tokens.delete(tenant, app.ref(), token.token().id(), ports.clock.instant());

    assertThat(service.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void aValidCheckRecordsTheUseAtTheCurrentTime() {
    PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
    IssuedToken token = ports.issueToken(tenant, app.ref());
    Instant later = ports.clock.advance(Duration.ofMinutes(3));

    service.authenticate(token.secret().reveal());
    ports.usage.flush();

    assertThat(ports.tokens.findById(tenant, app.ref(), token.token().id()).orElseThrow().lastUse()).contains(later);
  }

  @Test
  void aRefusedCheckRecordsNoUse() {
    PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
    IssuedToken token = ports.issueToken(tenant, app.ref());
    ports.privateApps.update(app.disable(ports.clock.instant()));

    service.authenticate(token.secret().reveal());
    service.authenticate(ports.secrets.newToken(TokenKind.PRIVATE_APP).reveal());
    service.authenticate(FakeOperatorCredentials.DEFAULT.reveal());

    assertThat(ports.usage.flush()).isZero();
    assertThat(ports.tokens.findById(tenant, app.ref(), token.token().id()).orElseThrow().lastUse()).isEmpty();
  }

  private static Principal.TenantPrincipal principalOf(TokenCheck check) {
    assertThat(check).isInstanceOf(TokenCheck.Valid.class);
    return (Principal.TenantPrincipal) ((TokenCheck.Valid) check).principal();
  }

  private static User deactivated(User user) {
    return new User(user.tenantId(), user.id(), user.email(), user.displayName(), user.roleId(),
        user.accountHolder(), UserState.DEACTIVATED, user.createTime(), user.updateTime(), user.version() + 1);
  }
}
