package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.ChangePrivateAppStateCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.IssuedToken;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChangePrivateAppStateServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final ChangePrivateAppStateService service = ports.changePrivateAppStateService();
  private final AuthenticateTokenService authenticate = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final PrivateApp app =
      ports.storePrivateApp(tenant, PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)));
  private final IssuedToken token = ports.issueToken(tenant, app.ref());

  @Test
  void disablingAnAppStopsItsTokensAndIsAudited() {
    ports.clock.advance(Duration.ofMinutes(1));

    PrivateApp disabled = service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));

    assertThat(disabled.state()).isEqualTo(PrivateAppState.DISABLED);
    assertThat(disabled.version()).isEqualTo(2);
    assertThat(disabled.updateTime()).isEqualTo(ports.clock.instant());
    assertThat(ports.privateApps.findById(tenant, app.id())).contains(disabled);
    assertThat(authenticate.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.PRIVATE_APP_DISABLED);
    assertThat(entry.target()).isEqualTo(app.resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.token()).contains(holder.tokenId());
    assertThat(entry.details()).isEqualTo(Map.of("state", "DISABLED"));
  }

  @Test
  void disablingADisabledAppReturnsItUnchangedWithoutAnAuditEntry() {
    PrivateApp disabled = service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));
    int auditEntries = ports.audit.entries().size();

    PrivateApp again = service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));

    assertThat(again).isEqualTo(disabled);
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @Test
  void enablingADisabledAppMakesItsTokensWorkAgain() {
    service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));

    PrivateApp enabled = service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.ENABLED));

    assertThat(enabled.state()).isEqualTo(PrivateAppState.ENABLED);
    assertThat(enabled.version()).isEqualTo(3);
    assertThat(authenticate.authenticate(token.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
    assertThat(ports.audit.entries().getLast().action()).isEqualTo(AuditAction.PRIVATE_APP_ENABLED);
    assertThat(ports.audit.entries().getLast().details()).isEqualTo(Map.of("state", "ENABLED"));
  }

  @Test
  void enablingAnEnabledAppIsANoOp() {
    int auditEntries = ports.audit.entries().size();

    assertThat(service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.ENABLED))).isEqualTo(app);
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @ParameterizedTest
  @EnumSource(PrivateAppState.class)
  void changingTheStateNeedsUpdateOnPrivateApps(PrivateAppState state) {
    service.execute(holder, new ChangePrivateAppStateCommand(app.id(), state == PrivateAppState.ENABLED
        ? PrivateAppState.DISABLED : PrivateAppState.ENABLED));
    PrivateApp before = ports.privateApps.findById(tenant, app.id()).orElseThrow();
    Principal.TenantPrincipal caller = ports.signInAs(tenant, ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ, Action.CREATE, Action.DELETE)), true).ref());

    assertThatThrownBy(() -> service.execute(caller, new ChangePrivateAppStateCommand(app.id(), state)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the update permission on private_apps");
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new ChangePrivateAppStateCommand(app.id(), state)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.privateApps.findById(tenant, app.id())).contains(before);
  }

  @Test
  void reEnablingAnAppNeedsItsGrantsBecauseItRevivesItsTokens() {
    service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));
    // May update apps, but does not hold companies read, which the app carries.
    Principal.TenantPrincipal weaker = ports.signInAs(tenant, ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.UPDATE)), true).ref());

    assertThatThrownBy(() -> service.execute(weaker, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.ENABLED)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("you cannot give permissions you do not hold yourself: " + app.resourceName()
            + " has permissions you lack");
    assertThat(authenticate.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
    // Disabling only takes access away, so the weaker caller may do that.
    service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.ENABLED));
    assertThat(service.execute(weaker, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED)).state())
        .isEqualTo(PrivateAppState.DISABLED);
  }

  @Test
  void anAppOfAnotherTenantOrADeletedOneIsNotFound() {
    PrivateApp foreign = ports.storePrivateApp(ports.createTenant().tenant().id(), PermissionSet.none());
    ports.privateApps.delete(tenant, app.id(), ports.clock.instant());

    assertThatThrownBy(() -> service.execute(holder, new ChangePrivateAppStateCommand(foreign.id(), PrivateAppState.DISABLED)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED)))
        .isInstanceOf(NotFoundException.class);
    assertThat(ports.privateApps.all()).containsExactly(foreign);
  }

  @Test
  void aConcurrentChangeIsAConflict() {
    PrivateApp renamed = app.withDisplayName(new DisplayName("Renamed"), ports.clock.instant());
    ports.privateApps.beforeNextUpdate(() -> ports.privateApps.update(renamed));

    assertThatThrownBy(() -> service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED)))
        .isInstanceOf(ConflictException.class);

    assertThat(ports.privateApps.findById(tenant, app.id()).orElseThrow().state()).isEqualTo(PrivateAppState.ENABLED);
  }

  @Test
  void aRefusalNamesTheMissingGrantsOnlyToACallerWhoMayReadTheApp() {
    service.execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));
    Principal.TenantPrincipal blind = ports.signInAs(tenant, ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.UPDATE)), true).ref());
    Principal.TenantPrincipal reader = ports.signInAs(tenant, ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ, Action.UPDATE)), true).ref());
    var enable = new ChangePrivateAppStateCommand(app.id(), PrivateAppState.ENABLED);

    assertThatThrownBy(() -> service.execute(blind, enable))
        .isInstanceOf(PermissionDeniedException.class)
        .message().doesNotContain("companies");
    assertThatThrownBy(() -> service.execute(reader, enable))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageEndingWith(": companies read");
  }
}
