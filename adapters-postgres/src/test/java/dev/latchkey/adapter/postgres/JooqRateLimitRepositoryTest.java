package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.ratelimit.RateLimit;
import dev.latchkey.domain.ratelimit.RateLimitTarget;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's rate limits in PostgreSQL: absent is zero, set replaces, each target on its own. */
class JooqRateLimitRepositoryTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final Instant NOW = FixedClock.DEFAULT;
  private static final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final JooqRateLimitRepository limits = new JooqRateLimitRepository(db);
  private final JooqTenantRepository tenants = new JooqTenantRepository(db);

  @Test
  void aTargetWithoutALimitInherits() {
    assertThat(limits.find(new RateLimitTarget.OfTenant(newTenant()))).isEqualTo(RequestsPerMinute.NONE);
  }

  @Test
  void aLimitSetAgainReplacesTheFormerOneAndTouchesNoOtherTarget() {
    TenantId tenant = newTenant();
    RateLimitTarget ofTenant = new RateLimitTarget.OfTenant(tenant);
    RateLimitTarget ofApp = new RateLimitTarget.OfPrincipal(tenant, new Actor.PrivateAppRef(new PrivateAppId(ids.newId())));
    RateLimitTarget ofUser = new RateLimitTarget.OfPrincipal(tenant, new Actor.UserRef(new UserId(ids.newId())));

    limits.save(new RateLimit(ofTenant, new RequestsPerMinute(50)), NOW);
    limits.save(new RateLimit(ofApp, new RequestsPerMinute(100)), NOW);
    limits.save(new RateLimit(ofApp, new RequestsPerMinute(RequestsPerMinute.MAX)), NOW.plusSeconds(1));

    assertThat(limits.find(ofTenant)).isEqualTo(new RequestsPerMinute(50));
    assertThat(limits.find(ofApp)).isEqualTo(new RequestsPerMinute(RequestsPerMinute.MAX));
    assertThat(limits.find(ofUser)).isEqualTo(RequestsPerMinute.NONE);
    assertThat(limits.find(new RateLimitTarget.OfTenant(newTenant()))).isEqualTo(RequestsPerMinute.NONE);
  }

  @Test
  void theIngestBudgetIsATargetOfItsOwnBesideTheTenantsApiLimit() {
    TenantId tenant = newTenant();
    RateLimitTarget ofTenant = new RateLimitTarget.OfTenant(tenant);
    RateLimitTarget ofIngest = new RateLimitTarget.OfIngest(tenant);

    limits.save(new RateLimit(ofIngest, new RequestsPerMinute(60_000)), NOW);
    assertThat(limits.find(ofIngest)).isEqualTo(new RequestsPerMinute(60_000));
    assertThat(limits.find(ofTenant)).isEqualTo(RequestsPerMinute.NONE);

    limits.save(new RateLimit(ofTenant, new RequestsPerMinute(40)), NOW);
    limits.save(new RateLimit(ofIngest, RequestsPerMinute.NONE), NOW.plusSeconds(1));
    assertThat(limits.find(ofIngest)).isEqualTo(RequestsPerMinute.NONE);
    assertThat(limits.find(ofTenant)).isEqualTo(new RequestsPerMinute(40));
    assertThat(limits.find(new RateLimitTarget.OfIngest(newTenant()))).isEqualTo(RequestsPerMinute.NONE);
  }

  private TenantId newTenant() {
    TenantId id = new TenantId(ids.newId());
    tenants.insert(Tenant.create(id, new DisplayName("Tenant"), NOW));
    return id;
  }
}
