package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.ChangePrivateAppStateCommand;
import dev.latchkey.application.port.in.ChangeUserStateCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.DeleteApiTokenCommand;
import dev.latchkey.application.port.in.DeletePrivateAppCommand;
import dev.latchkey.application.port.in.DeleteUserCommand;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.port.in.UpdateRoleCommand;
import dev.latchkey.application.service.ChangeRecorder;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.change.ChangeEvent;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Token checks with this instance's cache of verified tokens turned on: repeated checks cost no
 * query, and every change made through the services shows on the very next check.
 */
class CachedAuthenticationTest {
  private static final PermissionSet SUPPORT = PermissionSet.of(
      Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE), Grant.of(DataModel.COMPANIES, Action.READ));
  private static final PermissionSet READ_COMPANIES = PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ));

  private final InMemoryPorts ports = listening(new InMemoryPorts());
  private final AuthenticateTokenService service = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
  private final IssuedToken appToken = ports.issueToken(tenant, app.ref());

  private static InMemoryPorts listening(InMemoryPorts ports) {
    ports.credentialCache.listening(true);
    return ports;
  }

  @Test
  void aRepeatedValidCheckCostsNoRepositoryCallAfterTheFirst() {
    TokenCheck first = check(appToken);
    int calls = repositoryCalls();

    TokenCheck second = check(appToken);
    TokenCheck third = check(appToken);

    assertThat(first).isInstanceOf(TokenCheck.Valid.class);
    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(repositoryCalls()).isEqualTo(calls);
  }

  @Test
  void aCachedCheckStillCountsAsAUseOfTheToken() {
    check(appToken);
    ports.usage.flush();
    ports.clock.advance(Duration.ofMinutes(3));

    check(appToken);
    ports.usage.flush();

    assertThat(ports.tokens.stored(appToken.token().id()).orElseThrow().lastUse()).contains(ports.clock.instant());
  }

  @Test
  void disablingAnAppRefusesItsTokensOnTheVeryNextCheck() {
    cached(appToken);

    ports.changePrivateAppStateService().execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));

    assertThat(check(appToken)).isEqualTo(new TokenCheck.OwnerInactive());
    ports.changePrivateAppStateService().execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.ENABLED));
    assertThat(check(appToken)).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void deletingAnAppRefusesItsTokensOnTheVeryNextCheck() {
    cached(appToken);

    ports.deletePrivateAppService().execute(holder, new DeletePrivateAppCommand(app.id()));

    assertThat(check(appToken)).isNotInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void deletingATokenRefusesItOnTheVeryNextCheckAndLeavesTheOthersCached() {
    IssuedToken other = ports.issueToken(tenant, app.ref());
    cached(appToken);
    cached(other);

    ports.deleteApiTokenService().execute(holder, new DeleteApiTokenCommand(app.ref(), appToken.token().id()));

    assertThat(check(appToken)).isEqualTo(new TokenCheck.Unknown());
    assertThat(check(other)).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void deactivatingAUserRefusesTheirTokensOnTheVeryNextCheck() {
    User member = ports.storeMember(tenant, SUPPORT, true);
    IssuedToken memberToken = ports.issueToken(tenant, member.ref());
    cached(memberToken);

    ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(member.id(), UserState.DEACTIVATED));

    assertThat(check(memberToken)).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void deletingAUserRefusesTheirTokensOnTheVeryNextCheck() {
    User member = ports.storeMember(tenant, SUPPORT, true);
    IssuedToken memberToken = ports.issueToken(tenant, member.ref());
    cached(memberToken);

    ports.deleteUserService().execute(holder, new DeleteUserCommand(member.id()));

    assertThat(check(memberToken)).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void changingARolesGrantsShowsOnTheVeryNextCheck() {
    User member = ports.storeMember(tenant, SUPPORT, true);
    IssuedToken memberToken = ports.issueToken(tenant, member.ref());
    assertThat(principalOf(cached(memberToken)).grants()).isEqualTo(SUPPORT);

    ports.updateRoleService().execute(holder, new UpdateRoleCommand(member.roleId(), Optional.empty(),
        Optional.of(READ_COMPANIES), Optional.empty(), OptionalLong.empty()));

    assertThat(principalOf(check(memberToken)).grants()).isEqualTo(READ_COMPANIES);
  }

  @Test
  void takingAPIAccessFromARoleRefusesItsUsersTokensOnTheVeryNextCheck() {
    User member = ports.storeMember(tenant, SUPPORT, true);
    IssuedToken memberToken = ports.issueToken(tenant, member.ref());
    cached(memberToken);

    ports.updateRoleService().execute(holder, new UpdateRoleCommand(member.roleId(), Optional.empty(),
        Optional.empty(), Optional.of(false), OptionalLong.empty()));

    assertThat(check(memberToken)).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void aChangeInAnotherTenantLeavesThisTenantsTokensCached() {
    cached(appToken);
    CreatedTenant globex = ports.createTenant();
    Principal.TenantPrincipal globexHolder = (Principal.TenantPrincipal) ports.signIn(globex.ownerToken());
    PrivateApp globexApp = ports.storePrivateApp(globex.tenant().id(), SUPPORT);
    int calls = repositoryCalls();

    ports.changePrivateAppStateService().execute(globexHolder, new ChangePrivateAppStateCommand(globexApp.id(), PrivateAppState.DISABLED));
    int callsOfTheChange = repositoryCalls() - calls;
    check(appToken);

    assertThat(repositoryCalls() - calls).isEqualTo(callsOfTheChange);
  }

  @Test
  void aRefusalKeepsItsReasonAndAnInactiveOwnerCostsOneLookupEveryTime() {
    String neverStored = ports.secrets.newToken(TokenKind.PRIVATE_APP).reveal();
    ports.changePrivateAppStateService().execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));

    for (int i = 0; i < 3; i++) {
      int tokenCalls = ports.tokens.calls();
      int appCalls = ports.privateApps.calls();
      assertThat(service.authenticate(neverStored)).isEqualTo(new TokenCheck.Unknown());
      // Absence is remembered for a moment; an owner's state never is.
      assertThat(ports.tokens.calls() - tokenCalls).isEqualTo(i == 0 ? 1 : 0);
      assertThat(ports.privateApps.calls() - appCalls).isZero();

      tokenCalls = ports.tokens.calls();
      appCalls = ports.privateApps.calls();
      assertThat(check(appToken)).isEqualTo(new TokenCheck.OwnerInactive());
      assertThat(ports.tokens.calls() - tokenCalls).isEqualTo(1);
      assertThat(ports.privateApps.calls() - appCalls).isEqualTo(1);
    }
  }

  @Test
  void aRolledBackChangeInvalidatesNothingAndAnnouncesNothing() {
    TokenCheck before = cached(appToken);
    List<TenantId> announced = ports.credentialChanges.announced();

    assertThatThrownBy(() -> ports.transactions.inTransaction(() -> {
      ports.changePrivateAppStateService().execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(ports.credentialChanges.announced()).isEqualTo(announced);
    assertThat(ports.privateApps.findById(tenant, app.id()).orElseThrow().isEnabled()).isTrue();
    int calls = repositoryCalls();
    assertThat(check(appToken)).isEqualTo(before);
    assertThat(repositoryCalls()).as("still cached").isEqualTo(calls);
  }

  @Test
  void everyChangeAnnouncesItsTenant() {
    CreatedTenant globex = ports.createTenant();
    assertThat(ports.credentialChanges.announced()).last().isEqualTo(globex.tenant().id());

    ports.changePrivateAppStateService().execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));
    assertThat(ports.credentialChanges.announced()).last().isEqualTo(tenant);

    int before = ports.credentialChanges.announced().size();
    ports.deleteApiTokenService().execute(holder, new DeleteApiTokenCommand(app.ref(), appToken.token().id()));
    User member = ports.storeMember(tenant, SUPPORT, true);
    ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(member.id(), UserState.DEACTIVATED));
    ports.updateRoleService().execute(holder, new UpdateRoleCommand(member.roleId(), Optional.empty(),
        Optional.of(READ_COMPANIES), Optional.empty(), OptionalLong.empty()));
    assertThat(ports.credentialChanges.announced()).hasSize(before + 3).endsWith(tenant, tenant, tenant);
  }

  @Test
  void theChangeRecorderAnnouncesOnceForEveryCredentialChange() {
    int before = ports.credentialChanges.announced().size();

    ports.transactions.inTransaction(() -> {
      ChangeRecorder recorder = ports.changeRecorder();
      recorder.record(holder, tenant, ports.clock.instant(), new ChangeEvent.PrivateAppDisabled(app.id()));
      recorder.record(holder, tenant, ports.clock.instant(), new ChangeEvent.PrivateAppEnabled(app.id()));
      return null;
    });

    assertThat(ports.credentialChanges.announced()).hasSize(before + 2).endsWith(tenant, tenant);
  }

  @Test
  void theCacheForgetsOnlyOnceTheChangeCommits() {
    cached(appToken);

    ports.transactions.inTransaction(() -> {
      ports.changePrivateAppStateService().execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));
      // Uncommitted: another caller of this instance would still read the old state, and may keep it.
      int calls = repositoryCalls();
      assertThat(check(appToken)).isInstanceOf(TokenCheck.Valid.class);
      assertThat(repositoryCalls()).as("still cached inside the transaction").isEqualTo(calls);
      return null;
    });

    assertThat(check(appToken)).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void aChangeBehindTheServicesBacksIsSeenAtTheLatestAfterTheTimeToLive() {
    cached(appToken);
    ports.privateApps.update(ports.privateApps.findById(tenant, app.id()).orElseThrow().disable(ports.clock.instant()));

    assertThat(check(appToken)).as("not announced: still cached").isInstanceOf(TokenCheck.Valid.class);
    ports.clock.advance(CredentialCache.TIME_TO_LIVE);
    assertThat(check(appToken)).isEqualTo(new TokenCheck.OwnerInactive());
  }

  /** Checks {@code token} twice, the second time from the cache, and returns the (valid) check. */
  private TokenCheck cached(IssuedToken token) {
    TokenCheck first = check(token);
    assertThat(first).isInstanceOf(TokenCheck.Valid.class);
    int calls = repositoryCalls();
    assertThat(check(token)).isEqualTo(first);
    assertThat(repositoryCalls()).as("the second check comes from the cache").isEqualTo(calls);
    return first;
  }

  private TokenCheck check(IssuedToken token) {
    return service.authenticate(token.secret().reveal());
  }

  private static Principal.TenantPrincipal principalOf(TokenCheck check) {
    assertThat(check).isInstanceOf(TokenCheck.Valid.class);
    return (Principal.TenantPrincipal) ((TokenCheck.Valid) check).principal();
  }

  private int repositoryCalls() {
    return ports.tokens.calls() + ports.privateApps.calls() + ports.users.calls() + ports.roles.calls()
        + ports.tenants.calls();
  }
}
