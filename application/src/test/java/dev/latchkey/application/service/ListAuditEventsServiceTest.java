package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ChangePrivateAppStateCommand;
import dev.latchkey.application.port.in.CreateApiTokenCommand;
import dev.latchkey.application.port.in.CreatePrivateAppCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.ListAuditEventsQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListAuditEventsServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final ListAuditEventsService service = ports.listAuditEventsService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final Principal.TenantPrincipal auditor = ports.signInAs(tenant, ports.storeMember(tenant,
      PermissionSet.of(Grant.of(DataModel.AUDIT_EVENTS, Action.READ)), true).ref());

  @Test
  void theTrailOfTheCallersTenantComesNewestFirstInPages() {
    PrivateApp app = createApp("Sync");
    ports.changePrivateAppStateService().execute(holder, new ChangePrivateAppStateCommand(app.id(), PrivateAppState.DISABLED));
    ports.createTenant();
    List<AuditEntry> ours = ports.audit.entriesOf(tenant);

    Page<AuditEntry> first = service.execute(auditor, new ListAuditEventsQuery(new PageQuery(2, ""), Optional.empty()));
    Page<AuditEntry> rest = service.execute(auditor, new ListAuditEventsQuery(new PageQuery(100, first.nextCursor().orElseThrow()), Optional.empty()));

    assertThat(first.items()).containsExactly(ours.getLast(), ours.get(ours.size() - 2));
    assertThat(first.items()).extracting(AuditEntry::action)
        .containsExactly(AuditAction.PRIVATE_APP_DISABLED, AuditAction.PRIVATE_APP_CREATED);
    assertThat(rest.items()).hasSize(ours.size() - 2).allMatch(e -> e.tenantId().equals(tenant));
    assertThat(rest.items().getLast().action()).isEqualTo(AuditAction.TENANT_CREATED);
    assertThat(rest.nextCursor()).isEmpty();
  }

  @Test
  void theTargetFilterShowsAnAppAndItsTokensOnly() {
    PrivateApp app = createApp("Sync");
    PrivateApp other = createApp("Other");
    IssuedToken token = ports.createApiTokenService().execute(holder, new CreateApiTokenCommand(app.ref(), new DisplayName("Prod")));
    ports.createApiTokenService().execute(holder, new CreateApiTokenCommand(other.ref(), new DisplayName("Prod")));

    Page<AuditEntry> page = service.execute(auditor, new ListAuditEventsQuery(new PageQuery(10, ""), Optional.of(app.resourceName())));

    assertThat(page.items()).extracting(AuditEntry::target)
        .containsExactly(token.token().resourceName(), app.resourceName());
  }

  @Test
  void aPageTokenOfAnotherTargetIsRefused() {
    PrivateApp app = createApp("Sync");
    createApp("Other");
    String allToken = service.execute(auditor, new ListAuditEventsQuery(new PageQuery(1, ""), Optional.empty())).nextCursor().orElseThrow();

    assertThatThrownBy(() -> service.execute(auditor, new ListAuditEventsQuery(new PageQuery(1, allToken), Optional.of(app.resourceName()))))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_token"));
  }

  @Test
  void readingTheTrailNeedsReadOnAuditEvents() {
    Principal.TenantPrincipal other = ports.signInAs(tenant, ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ)), true).ref());

    assertThatThrownBy(() -> service.execute(other, new ListAuditEventsQuery(new PageQuery(10, ""), Optional.empty())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the read permission on audit_events");
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new ListAuditEventsQuery(new PageQuery(10, ""), Optional.empty())))
        .isInstanceOf(PermissionDeniedException.class);
  }

  private PrivateApp createApp(String name) {
    return ports.createPrivateAppService().execute(holder, new CreatePrivateAppCommand(
        new DisplayName(name), Description.EMPTY, PermissionSet.none(), Optional.empty()));
  }
}
