package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.GetPrivateAppQuery;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

class GetPrivateAppServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final GetPrivateAppService service = ports.getPrivateAppService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal reader = ports.signInAs(
      tenant, ports.storeMember(tenant, PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ)), true).ref());

  @Test
  void aReaderGetsTheApp() {
    PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.all());

    assertThat(service.execute(reader, new GetPrivateAppQuery(app.id()))).isEqualTo(app);
  }

  @Test
  void anAppOfAnotherTenantIsNotFound() {
    PrivateApp foreign = ports.storePrivateApp(ports.createTenant().tenant().id(), PermissionSet.none());

    assertThatThrownBy(() -> service.execute(reader, new GetPrivateAppQuery(foreign.id())))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(foreign.resourceName() + " not found");
  }

  @Test
  void aDeletedOrUnknownAppIsNotFound() {
    PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.none());
    ports.privateApps.delete(tenant, app.id(), ports.clock.instant());

    assertThatThrownBy(() -> service.execute(reader, new GetPrivateAppQuery(app.id()))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.execute(reader, new GetPrivateAppQuery(Fixtures.anyPrivateAppId())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void readingAnAppNeedsReadOnPrivateApps() {
    PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.none());
    Principal.TenantPrincipal other = ports.signInAs(tenant, ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.CREATE, Action.UPDATE, Action.DELETE)), true).ref());

    assertThatThrownBy(() -> service.execute(other, new GetPrivateAppQuery(app.id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the read permission on private_apps");
    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new GetPrivateAppQuery(app.id())))
        .isInstanceOf(PermissionDeniedException.class);
  }
}
