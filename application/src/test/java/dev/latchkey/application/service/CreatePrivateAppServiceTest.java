package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.CreatePrivateAppCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.PermissionSource;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreatePrivateAppServiceTest {
  private static final PermissionSet SUPPORT = PermissionSet.of(
      Grant.of(DataModel.COMPANIES, Action.READ), Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final CreatePrivateAppService service = ports.createPrivateAppService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());

  @Test
  void anAppWithExplicitGrantsIsCreatedEnabledAndStored() {
    ports.clock.advance(Duration.ofMinutes(5));

    PrivateApp app = service.execute(holder, explicit("Zendesk sync", SUPPORT));

    assertThat(app.displayName()).isEqualTo(new DisplayName("Zendesk sync"));
    assertThat(app.description()).isEqualTo(new Description("Copies tickets."));
    assertThat(app.grants()).isEqualTo(SUPPORT);
    assertThat(app.state()).isEqualTo(PrivateAppState.ENABLED);
    assertThat(app.version()).isEqualTo(1);
    assertThat(app.tenantId()).isEqualTo(tenant);
    assertThat(app.createTime()).isEqualTo(FixedClock.DEFAULT.plus(Duration.ofMinutes(5)));
    assertThat(app.creator()).isEqualTo(holder.actor());
    assertThat(ports.privateApps.findById(tenant, app.id())).contains(app);
  }

  @Test
  void anAppCopiesTheGrantsOfAnotherApp() {
    PrivateApp source = ports.storePrivateApp(tenant, SUPPORT);

    PrivateApp app = service.execute(holder, copying(new PermissionSource.FromPrivateApp(source.id())));

    assertThat(app.grants()).isEqualTo(SUPPORT);
    assertThat(app.id()).isNotEqualTo(source.id());
    assertThat(lastAudit().details()).containsEntry("copied_from", source.resourceName());
  }

  @Test
  void anAppCopiesTheGrantsOfARole() {
    Role role = Fixtures.role(tenant, SUPPORT, false);
    ports.roles.insert(role);

    PrivateApp app = service.execute(holder, copying(new PermissionSource.FromRole(role.id())));

    assertThat(app.grants()).isEqualTo(SUPPORT);
    assertThat(lastAudit().details()).containsEntry("copied_from", role.resourceName());
  }

  @Test
  void copyingAnAppOfAnotherTenantIsNotFoundAndCreatesNothing() {
    TenantId other = ports.createTenant().tenant().id();
    PrivateApp foreign = ports.storePrivateApp(other, SUPPORT);
    int auditEntries = ports.audit.entries().size();

    assertThatThrownBy(() -> service.execute(
            holder, copying(new PermissionSource.FromPrivateApp(foreign.id()))))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(foreign.resourceName());

    assertThat(ports.privateApps.all()).containsExactly(foreign);
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @Test
  void copyingARoleOfAnotherTenantIsNotFound() {
    CreatedTenant other = ports.createTenant();
    Role foreign = ports.roles.ofTenant(other.tenant().id()).getFirst();

    assertThatThrownBy(() -> service.execute(holder, copying(new PermissionSource.FromRole(foreign.id()))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void copyingADeletedOrUnknownSourceIsNotFound() {
    PrivateApp deleted = ports.storePrivateApp(tenant, SUPPORT);
    ports.privateApps.delete(tenant, deleted.id(), ports.clock.instant());

    assertThatThrownBy(() -> service.execute(
            holder, copying(new PermissionSource.FromPrivateApp(deleted.id()))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.execute(
            holder, copying(new PermissionSource.FromPrivateApp(Fixtures.anyPrivateAppId()))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.execute(
            holder, copying(new PermissionSource.FromRole(Fixtures.anyRoleId()))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aCallerCannotGiveAnAppGrantsItDoesNotHold() {
    Principal.TenantPrincipal caller = member(PermissionSet.of(
        Grant.of(DataModel.PRIVATE_APPS, Action.CREATE), Grant.of(DataModel.COMPANIES, Action.READ)));

    assertThatThrownBy(() -> service.execute(caller, explicit("Too much", SUPPORT)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageEndingWith("you do not hold yourself: tickets read, tickets update");

    assertThat(ports.privateApps.all()).isEmpty();
  }

  @Test
  void aCallerCannotEscalateByCopyingARoleWithMoreGrants() {
    Role administrator = ports.roles.ofTenant(tenant).getFirst();
    Principal.TenantPrincipal caller = member(PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.CREATE),
        Grant.of(DataModel.ROLES, Action.READ)));

    assertThatThrownBy(() -> service.execute(
            caller, copying(new PermissionSource.FromRole(administrator.id()))))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("companies read");

    assertThat(ports.privateApps.all()).isEmpty();
  }

  @Test
  void copyingNeedsReadOnTheSourceSoThatARefusalRevealsNothingAboutIt() {
    Role administrator = ports.roles.ofTenant(tenant).getFirst();
    PrivateApp source = ports.storePrivateApp(tenant, SUPPORT);
    Principal.TenantPrincipal caller = member(PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.CREATE)));

    assertThatThrownBy(() -> service.execute(caller, copying(new PermissionSource.FromRole(administrator.id()))))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the read permission on roles");
    assertThatThrownBy(() -> service.execute(caller, copying(new PermissionSource.FromPrivateApp(source.id()))))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the read permission on private_apps");
    assertThat(ports.privateApps.all()).containsExactly(source);
  }

  @Test
  void aCallerHoldingTheGrantsMayPassThemOn() {
    Principal.TenantPrincipal caller = member(PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.CREATE),
        Grant.of(DataModel.COMPANIES, Action.READ), Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE)));

    assertThat(service.execute(caller, explicit("Exactly enough", SUPPORT)).grants()).isEqualTo(SUPPORT);
  }

  @Test
  void creatingAnAppNeedsCreateOnPrivateApps() {
    Principal.TenantPrincipal caller = member(PermissionSet.of(
        Grant.of(DataModel.PRIVATE_APPS, Action.READ, Action.UPDATE, Action.DELETE)));

    assertThatThrownBy(() -> service.execute(caller, explicit("App", PermissionSet.none())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the create permission on private_apps");
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), explicit("App", PermissionSet.none())))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.privateApps.all()).isEmpty();
  }

  @Test
  void theCreationIsAuditedAsTheCallersDoingWithTheTokenItUsed() {
    PrivateApp app = service.execute(holder, explicit("Zendesk sync", SUPPORT));

    AuditEntry entry = lastAudit();
    assertThat(entry.action()).isEqualTo(AuditAction.PRIVATE_APP_CREATED);
    assertThat(entry.target()).isEqualTo(app.resourceName());
    assertThat(entry.actor().resourceName()).isEqualTo(acme.owner().ref().resourceName());
    assertThat(entry.token()).contains(acme.ownerToken().token().id());
    assertThat(entry.tenantId()).isEqualTo(tenant);
    assertThat(entry.time()).isEqualTo(app.createTime());
    assertThat(entry.details())
        .containsEntry("display_name", "Zendesk sync")
        .containsEntry("description", "Copies tickets.")
        .containsEntry("grants", "companies:read; tickets:read,update");
  }

  @Test
  void anAppThatCreatesAnAppIsItsCreatorAndItsActor() {
    PrivateApp manager = ports.storePrivateApp(tenant, PermissionSet.of(
        Grant.of(DataModel.PRIVATE_APPS, Action.CREATE), Grant.of(DataModel.COMPANIES, Action.READ)));
    Principal.TenantPrincipal caller = ports.signInAs(tenant, manager.ref());

    PrivateApp app = service.execute(
        caller, explicit("Child", PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ))));

    assertThat(app.creator()).isEqualTo(manager.ref());
    assertThat(lastAudit().actor().resourceName()).isEqualTo(manager.resourceName());
    assertThat(lastAudit().token()).contains(caller.tokenId());
  }

  @Test
  void whenTheAuditEntryCannotBeWrittenNoAppIsCreated() {
    ports.audit.failNextAppend(new IllegalStateException("audit table is locked"));

    assertThatThrownBy(() -> service.execute(holder, explicit("App", SUPPORT)))
        .hasMessage("audit table is locked");

    assertThat(ports.privateApps.all()).isEmpty();
  }

  private Principal.TenantPrincipal member(PermissionSet grants) {
    return ports.signInAs(tenant, ports.storeMember(tenant, grants, true).ref());
  }

  private AuditEntry lastAudit() {
    return ports.audit.entries().getLast();
  }

  private static CreatePrivateAppCommand explicit(String name, PermissionSet grants) {
    return new CreatePrivateAppCommand(
        new DisplayName(name), new Description("Copies tickets."), grants, Optional.empty());
  }

  private static CreatePrivateAppCommand copying(PermissionSource source) {
    return new CreatePrivateAppCommand(
        new DisplayName("Copy"), Description.EMPTY, PermissionSet.none(), Optional.of(source));
  }
}
