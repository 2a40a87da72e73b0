package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.GetTenantQuery;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

class GetTenantServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final GetTenantService service = ports.getTenantService();

  @Test
  void theOperatorReadsATenant() {
    Tenant tenant = ports.createTenant().tenant();

    assertThat(service.execute(Fixtures.operator(), new GetTenantQuery(tenant.id()))).isEqualTo(tenant);
  }

  @Test
  void anUnknownTenantIsNotFound() {
    ports.createTenant();
    TenantId unknown = Fixtures.anyTenantId();

    assertThatThrownBy(() -> service.execute(Fixtures.operator(), new GetTenantQuery(unknown)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("tenants/" + unknown);
  }

  @Test
  void aTenantPrincipalMayNotReadEvenItsOwnTenant() {
    Tenant tenant = ports.createTenant().tenant();

    assertThatThrownBy(() -> service.execute(
            Fixtures.tenantPrincipal(tenant.id(), dev.latchkey.domain.permission.PermissionSet.all()), new GetTenantQuery(tenant.id())))
        .isInstanceOf(PermissionDeniedException.class);
  }
}
