package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.GetRateLimitQuery;
import dev.latchkey.application.port.in.UpdateRateLimitCommand;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.ratelimit.RateLimit;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.tenant.TenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateRateLimitServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final UpdateRateLimitService update = ports.updateRateLimitService();
  private final GetRateLimitService get = ports.getRateLimitService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.none());
  private final RateLimitTarget ofApp = new RateLimitTarget.OfPrincipal(tenant, app.ref());
  private final Principal operator = Fixtures.operator();

  @Test
  void theOperatorSetsAnAppsLimitAndTheChangeIsAuditedAndAnnounced() {
    ports.effectiveRateLimits.listening(true);
    Principal.TenantPrincipal appCaller = ports.signInAs(tenant, app.ref());
    assertThat(ports.effectiveRateLimits.of(appCaller)).isEqualTo(new RequestsPerMinute(30));

    RateLimit set = update.execute(operator, command(ofApp, 100));

    assertThat(set).isEqualTo(new RateLimit(ofApp, new RequestsPerMinute(100)));
    assertThat(get.execute(operator, new GetRateLimitQuery(ofApp))).isEqualTo(set);
    assertThat(ports.effectiveRateLimits.of(appCaller)).as("in force on the next call").isEqualTo(set.requestsPerMinute());
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.RATE_LIMIT_UPDATED);
    assertThat(entry.target()).isEqualTo("tenants/" + tenant + "/" + app.ref().resourceName() + "/rateLimit");
    assertThat(entry.details()).isEqualTo(Map.of("requests_per_minute", "100", "previous_requests_per_minute", "0"));
    assertThat(ports.credentialChanges.announced()).contains(tenant);
  }

  @Test
  void theOperatorSetsATenantsIngestBudgetWhichIsInForceOnTheNextIngestCall() {
    ports.effectiveRateLimits.listening(true);
    RateLimitTarget ofIngest = new RateLimitTarget.OfIngest(tenant);
    assertThat(ports.effectiveRateLimits.ofIngest(tenant)).isEqualTo(RateLimit.INGEST_DEFAULT);

    update.execute(operator, command(ofIngest, 60_000));

    assertThat(ports.effectiveRateLimits.ofIngest(tenant)).isEqualTo(new RequestsPerMinute(60_000));
    assertThat(ports.effectiveRateLimits.of(ports.signInAs(tenant, app.ref())))
        .as("the API limits are another matter").isEqualTo(new RequestsPerMinute(30));
    assertThat(ports.audit.entries().getLast().target()).isEqualTo("tenants/" + tenant + "/ingestRateLimit");

    update.execute(operator, command(ofIngest, 0));

    assertThat(ports.effectiveRateLimits.ofIngest(tenant)).isEqualTo(RateLimit.INGEST_DEFAULT);
  }

  @Test
  void settingTheLimitItAlreadyHasRecordsNothing() {
    update.execute(operator, command(ofApp, 100));
    int entries = ports.audit.entries().size();

    update.execute(operator, command(ofApp, 100));

    assertThat(ports.audit.entries()).hasSize(entries);
  }

  @Test
  void aTenantsOwnTokensMayNeitherReadNorSetLimits() {
    Principal holder = ports.signIn(acme.ownerToken());

    assertThatThrownBy(() -> update.execute(holder, command(ofApp, 1000)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> get.execute(holder, new GetRateLimitQuery(ofApp)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(get.execute(operator, new GetRateLimitQuery(ofApp)).requestsPerMinute()).isEqualTo(RequestsPerMinute.NONE);
  }

  @Test
  void anUnknownTenantOrPrincipalOrAnotherTenantsPrincipalIsNotFound() {
    TenantId other = ports.createTenant().tenant().id();

    for (RateLimitTarget target : new RateLimitTarget[] {
        new RateLimitTarget.OfTenant(Fixtures.anyTenantId()),
        new RateLimitTarget.OfIngest(Fixtures.anyTenantId()),
        new RateLimitTarget.OfPrincipal(tenant, new Actor.UserRef(Fixtures.anyUserId())),
        new RateLimitTarget.OfPrincipal(other, app.ref())}) {
      assertThatThrownBy(() -> update.execute(operator, command(target, 100))).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> get.execute(operator, new GetRateLimitQuery(target)))
          .isInstanceOf(NotFoundException.class);
    }
  }

  private static UpdateRateLimitCommand command(RateLimitTarget target, long requestsPerMinute) {
    return new UpdateRateLimitCommand(new RateLimit(target, new RequestsPerMinute(requestsPerMinute)));
  }
}
