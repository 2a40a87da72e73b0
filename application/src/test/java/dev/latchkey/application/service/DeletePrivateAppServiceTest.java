package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.DeletePrivateAppCommand;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.IssuedToken;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeletePrivateAppServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final DeletePrivateAppService service = ports.deletePrivateAppService();
  private final AuthenticateTokenService authenticate = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final PrivateApp app =
      ports.storePrivateApp(tenant, PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)));
  private final IssuedToken first = ports.issueToken(tenant, app.ref());
  private final IssuedToken second = ports.issueToken(tenant, app.ref());

  @Test
  void deletingAnAppDeletesItAndAllItsTokens() {
    ports.clock.advance(Duration.ofHours(1));

    service.execute(holder, new DeletePrivateAppCommand(app.id()));

    assertThat(ports.privateApps.findById(tenant, app.id())).isEmpty();
    assertThat(ports.privateApps.deleteTime(app.id())).contains(ports.clock.instant());
    assertThat(ports.tokens.countByOwner(tenant, app.ref())).isZero();
    assertThat(ports.tokens.deleteTime(first.token().id())).contains(ports.clock.instant());
  }

  @Test
  void theDeletedAppsTokensNeverWorkAgain() {
    service.execute(holder, new DeletePrivateAppCommand(app.id()));

    assertThat(authenticate.authenticate(first.secret().reveal()))
        .isIn(new TokenCheck.Unknown(), new TokenCheck.OwnerInactive());
    assertThat(authenticate.authenticate(second.secret().reveal()))
        .isIn(new TokenCheck.Unknown(), new TokenCheck.OwnerInactive());
  }

  @Test
  void otherAppsTokensKeepWorking() {
    PrivateApp other = ports.storePrivateApp(tenant, PermissionSet.none());
    IssuedToken otherToken = ports.issueToken(tenant, other.ref());

    service.execute(holder, new DeletePrivateAppCommand(app.id()));

    assertThat(authenticate.authenticate(otherToken.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void theDeletionIsAuditedWithTheNumberOfTokensDeleted() {
    service.execute(holder, new DeletePrivateAppCommand(app.id()));

    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.PRIVATE_APP_DELETED);
    assertThat(entry.target()).isEqualTo(app.resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.token()).contains(holder.tokenId());
    assertThat(entry.details()).isEqualTo(Map.of("tokens_deleted", "2"));
  }

  @Test
  void deletingADeletedAppIsNotFoundAndWritesNoAudit() {
    service.execute(holder, new DeletePrivateAppCommand(app.id()));
    int auditEntries = ports.audit.entries().size();

    assertThatThrownBy(() -> service.execute(holder, new DeletePrivateAppCommand(app.id())))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(app.resourceName() + " not found");
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @Test
  void anAppOfAnotherTenantIsNotFoundAndStaysAlive() {
    TenantId other = ports.createTenant().tenant().id();
    PrivateApp foreign = ports.storePrivateApp(other, PermissionSet.none());
    IssuedToken foreignToken = ports.issueToken(other, foreign.ref());

    assertThatThrownBy(() -> service.execute(holder, new DeletePrivateAppCommand(foreign.id()))).isInstanceOf(NotFoundException.class);

    assertThat(ports.privateApps.findById(other, foreign.id())).contains(foreign);
    assertThat(authenticate.authenticate(foreignToken.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void deletingNeedsDeleteOnPrivateApps() {
    Principal.TenantPrincipal caller = ports.signInAs(tenant, ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ, Action.CREATE, Action.UPDATE)), true).ref());

    assertThatThrownBy(() -> service.execute(caller, new DeletePrivateAppCommand(app.id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the delete permission on private_apps");
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new DeletePrivateAppCommand(app.id())))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.privateApps.findById(tenant, app.id())).contains(app);
  }

  @Test
  void whenTheTokensCannotBeDeletedTheAppIsNotDeletedEither() {
    ports.tokens.failNextDelete(new IllegalStateException("connection lost"));

    assertThatThrownBy(() -> service.execute(holder, new DeletePrivateAppCommand(app.id()))).hasMessage("connection lost");

    assertThat(ports.privateApps.findById(tenant, app.id())).contains(app);
    assertThat(authenticate.authenticate(first.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }
}
