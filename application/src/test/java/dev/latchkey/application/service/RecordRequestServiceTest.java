package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordRequestServiceTest {
  private static final Instant TIME = Instant.parse("2026-03-01T12:34:56.789Z");

  private final InMemoryPorts ports = new InMemoryPorts();
  private final RecordRequestService service = ports.recordRequestService();

  @Test
  void aTenantPrincipalsCallIsRecordedWithEverything() throws InterruptedException {
    Principal.TenantPrincipal caller = Fixtures.tenantPrincipal(Fixtures.anyTenantId(), PermissionSet.none());

    service.record(caller, TIME, "/latchkey.v1.AuthService/GetCallerIdentity", "PERMISSION_DENIED",
        Duration.ofMillis(12), "ipv6:[::1]:4242", "grpc-go/1.70");

    assertThat(ports.requestLog.recorded()).containsExactly(new RequestLogEntry(caller.tenantId(), caller.actor(),
        caller.tokenId(), TIME, "/latchkey.v1.AuthService/GetCallerIdentity", "PERMISSION_DENIED",
        Duration.ofMillis(12), "ipv6:[::1]:4242", "grpc-go/1.70"));
  }

  @Test
  void aCallOfTheOperatorActingForAUserIsRecordedAsTheUsersWithTheOperatorAsMeans() throws InterruptedException {
    Principal.TenantPrincipal caller = Principal.TenantPrincipal.actedForByOperator(
        Fixtures.anyTenantId(), new Actor.UserRef(Fixtures.anyUserId()), "Ada", PermissionSet.none());

    service.record(caller, TIME, "/latchkey.v1.ApiTokenService/CreateApiToken", "OK", Duration.ofMillis(7),
        "ipv4:10.0.0.7:51234", "web-app/2.1");

    assertThat(ports.requestLog.recorded()).containsExactly(new RequestLogEntry(caller.tenantId(), caller.actor(),
        null, new Actor.Operator(), TIME, "/latchkey.v1.ApiTokenService/CreateApiToken", "OK", Duration.ofMillis(7),
        "ipv4:10.0.0.7:51234", "web-app/2.1"));
    assertThat(ports.requestLog.recorded().getFirst().tokenName()).isEmpty();
  }

  @Test
  void theOperatorsCallsAreNotRecorded() throws InterruptedException {
    service.record(Fixtures.operator(), TIME, "/latchkey.v1.TenantService/CreateTenant", "OK", Duration.ofMillis(3),
        "peer", "agent");

    assertThat(ports.requestLog.recorded()).isEmpty();
  }

  @Test
  void aClosedSinkRefusesRatherThanDropsSilently() {
    ports.requestLog.close();

    assertThatThrownBy(() -> service.record(Fixtures.anyTenantPrincipal(), TIME, "/m", "OK", Duration.ZERO, "p", "a"))
        .isInstanceOf(IllegalStateException.class);
  }
}
