package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryRateLimitRepository;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.application.port.out.RateLimiter;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.ratelimit.RateLimit;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChargeRateLimitServiceTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private final List<String> charged = new ArrayList<>();
  private final RateLimiter limiter = (budget, limit) -> {
    charged.add(budget + " at " + limit.value());
    return new RateLimitOutcome.Admitted(limit.value(), limit.value() - 1, Duration.ofSeconds(2));
  };
  private final InMemoryRateLimitRepository limits = new InMemoryRateLimitRepository();
  private final ChargeRateLimitService service = new ChargeRateLimitService(limiter,
      new EffectiveRateLimits(limits, new RequestsPerMinute(30), new MutableClock()));

  @Test
  void aPrincipalsCallIsChargedToTheBudgetOfThePrincipalNotOfItsToken() {
    Principal.TenantPrincipal caller = Fixtures.anyTenantPrincipal();
    Principal.TenantPrincipal sameUserOtherToken = new Principal.TenantPrincipal(caller.tenantId(), caller.actor(),
        caller.displayName(), caller.grants(), Fixtures.anyApiTokenId());

    assertThat(service.charge(caller)).contains(new RateLimitOutcome.Admitted(30, 29, Duration.ofSeconds(2)));
    service.charge(sameUserOtherToken);

    String budget = "tenants/" + caller.tenantId() + "/" + caller.actor().resourceName() + " at 30";
    assertThat(charged).containsExactly(budget, budget);
  }

  @Test
  void thePrincipalsOwnLimitWinsThenItsTenantsThenTheServerDefault() {
    Principal.TenantPrincipal caller = Fixtures.anyTenantPrincipal();
    service.charge(caller);
    limits.save(new RateLimit(new RateLimitTarget.OfTenant(caller.tenantId()), new RequestsPerMinute(50)), NOW);
    service.charge(caller);
    limits.save(new RateLimit(new RateLimitTarget.OfPrincipal(caller.tenantId(), caller.actor()),
        new RequestsPerMinute(100)), NOW);
    service.charge(caller);
    limits.save(new RateLimit(new RateLimitTarget.OfPrincipal(caller.tenantId(), caller.actor()),
        RequestsPerMinute.NONE), NOW);
    service.charge(caller);

    assertThat(charged).extracting(c -> c.substring(c.lastIndexOf(' ') + 1)).containsExactly("30", "50", "100", "50");
  }

  @Test
  void ingestionIsChargedToTheTenantsIngestBudgetEvenWithApiLimitsOff() {
    ChargeRateLimitService off = new ChargeRateLimitService(limiter,
        new EffectiveRateLimits(limits, RequestsPerMinute.NONE, new MutableClock()));
    Principal.IngestPrincipal ingest = new Principal.IngestPrincipal(Fixtures.anyTenantId(), java.util.UUID.randomUUID());

    off.charge(ingest);
    limits.save(new RateLimit(new RateLimitTarget.OfTenant(ingest.tenantId()), new RequestsPerMinute(50)), NOW);
    off.charge(ingest);
    limits.save(new RateLimit(new RateLimitTarget.OfIngest(ingest.tenantId()), new RequestsPerMinute(120_000)), NOW);
    off.charge(ingest);

    String budget = "tenants/" + ingest.tenantId() + "/ingest";
    assertThat(charged).containsExactly(budget + " at 6000", budget + " at 6000", budget + " at 120000");
  }

  @Test
  void theOperatorIsNotLimited() {
    assertThat(service.charge(Fixtures.operator())).isEmpty();
    assertThat(charged).isEmpty();
  }

  @Test
  void theOperatorActingForAUserIsNotLimited() {
    Principal.TenantPrincipal actedFor = Principal.TenantPrincipal.actedForByOperator(
        Fixtures.anyTenantId(), new Actor.UserRef(Fixtures.anyUserId()), "Someone", PermissionSet.all());

    assertThat(service.charge(actedFor)).isEmpty();
    assertThat(charged).isEmpty();
  }

  @Test
  void aDefaultOfZeroTurnsLimitsOff() {
    ChargeRateLimitService off = new ChargeRateLimitService(limiter,
        new EffectiveRateLimits(limits, RequestsPerMinute.NONE, new MutableClock()));

    assertThat(off.charge(Fixtures.anyTenantPrincipal())).isEmpty();
    assertThat(charged).isEmpty();
  }
}
