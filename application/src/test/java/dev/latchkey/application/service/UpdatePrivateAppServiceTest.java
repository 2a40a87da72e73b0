package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.UpdatePrivateAppCommand;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UpdatePrivateAppServiceTest {
  private static final PermissionSet SUPPORT = PermissionSet.of(
      Grant.of(DataModel.COMPANIES, Action.READ), Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE));
  private static final PermissionSet READ_TICKETS = PermissionSet.of(Grant.of(DataModel.TICKETS, Action.READ));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final UpdatePrivateAppService service = ports.updatePrivateAppService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
  private final Instant later = ports.clock.advance(Duration.ofMinutes(10));

  @Test
  void renamingChangesTheNameAloneAndIsAudited() {
    PrivateApp updated = service.execute(holder, change(Optional.of(new DisplayName("Renamed")),
        Optional.empty(), Optional.empty(), OptionalLong.empty()));

    assertThat(updated.displayName()).isEqualTo(new DisplayName("Renamed"));
    assertThat(updated.description()).isEqualTo(app.description());
    assertThat(updated.grants()).isEqualTo(app.grants());
    assertThat(updated.updateTime()).isEqualTo(later);
    assertThat(updated.createTime()).isEqualTo(app.createTime());
    assertThat(ports.privateApps.findById(tenant, app.id())).contains(updated);
    assertThat(lastAudit().details()).isEqualTo(Map.of("display_name", "Renamed"));
  }

  @Test
  void describingChangesTheDescriptionAlone() {
    PrivateApp updated = service.execute(holder, change(Optional.empty(),
        Optional.of(new Description("Nightly export\nto BigQuery")), Optional.empty(), OptionalLong.empty()));

    assertThat(updated.description().value()).isEqualTo("Nightly export\nto BigQuery");
    assertThat(updated.displayName()).isEqualTo(app.displayName());
    assertThat(lastAudit().details()).isEqualTo(Map.of("description", "Nightly export\nto BigQuery"));
  }

  @Test
  void aDescriptionEditIsAuditedButAnnouncesNoCredentialChangeWhileARenameDoes() {
    // Cached tokens carry the app's name and grants, never its description.
    int announced = ports.credentialChanges.announced().size();

    service.execute(holder, change(Optional.empty(), Optional.of(new Description("Nightly export")),
        Optional.empty(), OptionalLong.empty()));
    assertThat(lastAudit().details()).isEqualTo(Map.of("description", "Nightly export"));
    assertThat(ports.credentialChanges.announced()).hasSize(announced);

    service.execute(holder, change(Optional.of(new DisplayName("Exporter")), Optional.empty(),
        Optional.empty(), OptionalLong.empty()));
    assertThat(ports.credentialChanges.announced()).hasSize(announced + 1).endsWith(tenant);
  }

  @Test
  void narrowingTheGrantsChangesTheGrantsAlone() {
    PrivateApp updated = service.execute(holder, change(Optional.empty(), Optional.empty(),
        Optional.of(READ_TICKETS), OptionalLong.empty()));

    assertThat(updated.grants()).isEqualTo(READ_TICKETS);
    assertThat(updated.displayName()).isEqualTo(app.displayName());
    assertThat(lastAudit().details()).isEqualTo(Map.of("grants", "tickets:read"));
  }

  @Test
  void changingEveryFieldAtOnceIncrementsTheVersionByExactlyOneWithOneAuditEntry() {
    int auditEntries = ports.audit.entries().size();

    PrivateApp updated = service.execute(holder, change(Optional.of(new DisplayName("Renamed")),
        Optional.of(new Description("New")), Optional.of(READ_TICKETS), OptionalLong.of(1)));

    assertThat(updated.version()).isEqualTo(app.version() + 1);
    assertThat(ports.audit.entries()).hasSize(auditEntries + 1);
    assertThat(lastAudit().details()).containsOnlyKeys("display_name", "description", "grants");
  }

  @Test
  void theUpdateIsAuditedAsTheCallersDoing() {
    PrivateApp updated = service.execute(holder, change(Optional.of(new DisplayName("Renamed")),
        Optional.empty(), Optional.empty(), OptionalLong.empty()));

    AuditEntry entry = lastAudit();
    assertThat(entry.action()).isEqualTo(AuditAction.PRIVATE_APP_UPDATED);
    assertThat(entry.target()).isEqualTo(updated.resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.token()).contains(holder.tokenId());
    assertThat(entry.time()).isEqualTo(later);
  }

  @Test
  void anUpdateThatChangesNothingReturnsTheAppUnchangedAndWritesNoAudit() {
    int auditEntries = ports.audit.entries().size();

    PrivateApp same = service.execute(holder, change(Optional.of(app.displayName()),
        Optional.of(new Description("  ")), Optional.of(SUPPORT), OptionalLong.of(app.version())));
    PrivateApp empty = service.execute(holder, change(Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalLong.empty()));

    assertThat(same).isEqualTo(app);
    assertThat(empty).isEqualTo(app);
    assertThat(ports.privateApps.findById(tenant, app.id())).contains(app);
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @Test
  void aStaleExpectedVersionIsAConflictAndChangesNothing() {
    PrivateApp renamed = service.execute(holder, change(Optional.of(new DisplayName("First")),
        Optional.empty(), Optional.empty(), OptionalLong.of(1)));

    assertThatThrownBy(() -> service.execute(holder, change(Optional.of(new DisplayName("Second")),
            Optional.empty(), Optional.empty(), OptionalLong.of(1))))
        .isInstanceOf(ConflictException.class);

    assertThat(ports.privateApps.findById(tenant, app.id())).contains(renamed);
    assertThat(renamed.version()).isEqualTo(2);
  }

  @Test
  void aChangeByAnotherCallerBetweenReadAndWriteIsAConflict() {
    PrivateApp concurrent = app.withDescription(new Description("Someone else"), later);
    ports.privateApps.beforeNextUpdate(() -> ports.privateApps.update(concurrent));
    int auditEntries = ports.audit.entries().size();

    assertThatThrownBy(() -> service.execute(holder, change(Optional.of(new DisplayName("Mine")),
            Optional.empty(), Optional.empty(), OptionalLong.empty())))
        .isInstanceOf(ConflictException.class);

    assertThat(ports.privateApps.findById(tenant, app.id()).orElseThrow().displayName())
        .isEqualTo(app.displayName());
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @Test
  void grantsBeyondTheCallersOwnAreRefused() {
    Principal.TenantPrincipal caller = member(PermissionSet.of(
        Grant.of(DataModel.PRIVATE_APPS, Action.UPDATE), Grant.of(DataModel.TICKETS, Action.READ)));
    PermissionSet more = PermissionSet.of(Grant.of(DataModel.TICKETS, Action.READ, Action.DELETE));

    assertThatThrownBy(() -> service.execute(caller, change(Optional.empty(), Optional.empty(),
            Optional.of(more), OptionalLong.empty())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageEndingWith(": tickets delete");

    assertThat(ports.privateApps.findById(tenant, app.id())).contains(app);
  }

  @Test
  void aCallerMayNarrowAnAppToGrantsItHolds() {
    Principal.TenantPrincipal caller = member(PermissionSet.of(
        Grant.of(DataModel.PRIVATE_APPS, Action.UPDATE), Grant.of(DataModel.TICKETS, Action.READ)));

    PrivateApp updated = service.execute(caller, change(Optional.empty(), Optional.empty(),
        Optional.of(READ_TICKETS), OptionalLong.empty()));

    assertThat(updated.grants()).isEqualTo(READ_TICKETS);
  }

  @Test
  void updatingNeedsUpdateOnPrivateApps() {
    Principal.TenantPrincipal caller = member(PermissionSet.of(
        Grant.of(DataModel.PRIVATE_APPS, Action.READ, Action.CREATE, Action.DELETE)));
    UpdatePrivateAppCommand rename = change(Optional.of(new DisplayName("Renamed")), Optional.empty(),
        Optional.empty(), OptionalLong.empty());

    assertThatThrownBy(() -> service.execute(caller, rename))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the update permission on private_apps");
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), rename))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.privateApps.findById(tenant, app.id())).contains(app);
  }

  @Test
  void anAppOfAnotherTenantOrADeletedOneIsNotFound() {
    PrivateApp foreign = ports.storePrivateApp(ports.createTenant().tenant().id(), PermissionSet.none());
    ports.privateApps.delete(tenant, app.id(), later);

    assertThatThrownBy(() -> service.execute(holder, renameOf(foreign.id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.execute(holder, renameOf(app.id())))
        .isInstanceOf(NotFoundException.class);
    assertThat(ports.privateApps.all()).containsExactly(foreign);
  }

  private UpdatePrivateAppCommand change(Optional<DisplayName> name, Optional<Description> description,
      Optional<PermissionSet> grants, OptionalLong expectedVersion) {
    return new UpdatePrivateAppCommand(app.id(), name, description, grants, expectedVersion);
  }

  private static UpdatePrivateAppCommand renameOf(PrivateAppId id) {
    return new UpdatePrivateAppCommand(id, Optional.of(new DisplayName("Renamed")), Optional.empty(),
        Optional.empty(), OptionalLong.empty());
  }

  private Principal.TenantPrincipal member(PermissionSet grants) {
    return ports.signInAs(tenant, ports.storeMember(tenant, grants, true).ref());
  }

  private AuditEntry lastAudit() {
    return ports.audit.entries().getLast();
  }
}
