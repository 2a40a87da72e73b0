package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.AccessDecision;
import dev.latchkey.application.port.in.CheckAccessQuery;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.requestlog.RequestLogEntry;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.IssuedToken;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** CheckAccess stands for a call of the API the token unlocks: it spends the budget and is logged. */
class CheckAccessServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final CheckAccessService service = ports.checkAccessService();
  private final TenantId tenant = ports.createTenant().tenant().id();
  private final PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.of(Grant.of(DataModel.TICKETS, Action.READ)));
  private final IssuedToken token = ports.issueToken(tenant, app.ref());
  private final Principal.TenantPrincipal gateway = ports.signInAs(tenant,
      ports.storePrivateApp(tenant, PermissionSet.of(Grant.of(DataModel.TOKEN_INTROSPECTION, Action.READ))).ref());

  @Test
  void eachCheckSpendsTheCheckedTokensBudgetAndTheThirtyFirstIsRateLimitedWithWhenToRetry() {
    for (int i = 0; i < 30; i++) {
      assertThat(check(DataModel.TICKETS, Action.READ)).isEqualTo(new AccessDecision.Allowed());
    }

    assertThat(check(DataModel.TICKETS, Action.READ)).isEqualTo(new AccessDecision.RateLimited(Duration.ofSeconds(2)));
    // The gateway's own budget is another one: its calls to Latchkey are limited by the interceptor.
    ports.clock.advance(Duration.ofSeconds(2));
    assertThat(check(DataModel.TICKETS, Action.READ)).isEqualTo(new AccessDecision.Allowed());
  }

  @Test
  void everyCheckOfAnActiveTokenIsInItsPrincipalsRequestLogWithItsOutcome() {
    check(DataModel.TICKETS, Action.READ);
    check(DataModel.TICKETS, Action.DELETE);

    assertThat(ports.requestLog.recorded()).extracting(RequestLogEntry::principal, RequestLogEntry::tokenId,
            RequestLogEntry::method, RequestLogEntry::statusCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(app.ref(), token.token().id(),
                "/latchkey.v1.AuthService/CheckAccess tickets:read", "OK"),
            org.assertj.core.groups.Tuple.tuple(app.ref(), token.token().id(),
                "/latchkey.v1.AuthService/CheckAccess tickets:delete", "PERMISSION_DENIED"));
  }

  @Test
  void aTokenThatIsNotActiveSpendsNothingAndIsNotLogged() {
    assertThat(service.execute(gateway, new CheckAccessQuery("lka_not-a-token", DataModel.TICKETS, Action.READ)))
        .isEqualTo(new AccessDecision.Denied());

    assertThat(ports.requestLog.recorded()).isEmpty();
  }

  private AccessDecision check(DataModel model, Action action) {
    return service.execute(gateway, new CheckAccessQuery(token.secret().reveal(), model, action));
  }
}
