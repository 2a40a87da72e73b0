package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.ListRequestLogsQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListRequestLogsServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final ListRequestLogsService service = ports.listRequestLogsService();
  private final RecordRequestService record = ports.recordRequestService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal viewer = ports.signInAs(tenant, ports.storeMember(tenant,
      PermissionSet.of(Grant.of(DataModel.REQUEST_LOGS, Action.READ)), true).ref());
  private final PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.none());
  private final Principal.TenantPrincipal appCaller = ports.signInAs(tenant, app.ref());

  @Test
  void anAppsCallsComeNewestFirstInPages() throws InterruptedException {
    call(appCaller, "/first");
    call(appCaller, "/second");
    call(appCaller, "/third");
    call(viewer, "/not-the-app");

    Page<RequestLogEntry> first = service.execute(viewer, new ListRequestLogsQuery(app.ref(), new PageQuery(2, "")));
    Page<RequestLogEntry> second = service.execute(viewer, new ListRequestLogsQuery(app.ref(), new PageQuery(2, first.nextCursor().orElseThrow())));

    assertThat(first.items()).extracting(RequestLogEntry::method).containsExactly("/third", "/second");
    assertThat(second.items()).extracting(RequestLogEntry::method).containsExactly("/first");
    assertThat(second.nextCursor()).isEmpty();
    assertThat(first.items().getFirst().tokenName()).isEqualTo(appCaller.tokenName());
  }

  @Test
  void aUsersCallsAreTheirLogsTab() throws InterruptedException {
    call(viewer, "/mine");
    call(appCaller, "/the-apps");

    assertThat(service.execute(viewer, new ListRequestLogsQuery(viewer.actor(), new PageQuery(10, ""))).items())
        .extracting(RequestLogEntry::method).containsExactly("/mine");
  }

  @Test
  void aPageTokenOfAnotherPrincipalsLogIsRefused() throws InterruptedException {
    PrivateApp other = ports.storePrivateApp(tenant, PermissionSet.none());
    Principal.TenantPrincipal otherCaller = ports.signInAs(tenant, other.ref());
    call(otherCaller, "/a");
    call(otherCaller, "/b");
    String otherToken = service.execute(viewer, new ListRequestLogsQuery(other.ref(), new PageQuery(1, ""))).nextCursor().orElseThrow();

    assertThatThrownBy(() -> service.execute(viewer, new ListRequestLogsQuery(app.ref(), new PageQuery(1, otherToken))))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_token"));
  }

  @Test
  void anUnknownPrincipalOrOneOfAnotherTenantIsNotFound() {
    PrivateApp foreign = ports.storePrivateApp(ports.createTenant().tenant().id(), PermissionSet.none());

    assertThatThrownBy(() -> service.execute(viewer, new ListRequestLogsQuery(new Actor.PrivateAppRef(Fixtures.anyPrivateAppId()), new PageQuery(10, "")))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.execute(viewer, new ListRequestLogsQuery(new Actor.UserRef(Fixtures.anyUserId()), new PageQuery(10, ""))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.execute(viewer, new ListRequestLogsQuery(foreign.ref(), new PageQuery(10, ""))))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void readingLogsNeedsReadOnRequestLogs() {
    Principal.TenantPrincipal other = ports.signInAs(tenant, ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ)), true).ref());

    assertThatThrownBy(() -> service.execute(other, new ListRequestLogsQuery(app.ref(), new PageQuery(10, ""))))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the read permission on request_logs");
    assertThatThrownBy(() -> service.execute(appCaller, new ListRequestLogsQuery(app.ref(), new PageQuery(10, ""))))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new ListRequestLogsQuery(app.ref(), new PageQuery(10, ""))))
        .isInstanceOf(PermissionDeniedException.class);
  }

  private void call(Principal caller, String method) throws InterruptedException {
    ports.clock.advance(Duration.ofSeconds(1));
    record.record(caller, ports.clock.instant(), method, "OK", Duration.ofMillis(4), "ipv4:127.0.0.1:5000", "test");
  }
}
