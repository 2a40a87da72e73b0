package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoalescingTokenUsageTest {
  private static final Instant T0 = FixedClock.DEFAULT;

  private final InMemoryPorts ports = new InMemoryPorts();
  private final CoalescingTokenUsage usage = new CoalescingTokenUsage(ports.tokens);
  private final TenantId tenant = Fixtures.anyTenantId();
  private final PrivateApp app = Fixtures.privateApp(tenant, PermissionSet.none());
  private final ApiToken one = ports.issueToken(tenant, app.ref()).token();
  private final ApiToken two = ports.issueToken(tenant, app.ref()).token();

  @Test
  void manyUsesOfATokenCoalesceToTheNewestAndAreWrittenInOneBatch() {
    usage.used(tenant, one.id(), T0.plusSeconds(10));
    usage.used(tenant, one.id(), T0.plusSeconds(30));
    usage.used(tenant, one.id(), T0.plusSeconds(20));
    usage.used(tenant, two.id(), T0.plusSeconds(5));

    assertThat(usage.flush()).isEqualTo(2);

    assertThat(ports.tokens.lastUseWrites()).isEqualTo(1);
    assertThat(lastUse(one)).contains(T0.plusSeconds(30));
    assertThat(lastUse(two)).contains(T0.plusSeconds(5));
  }

  @Test
  void nothingUsedMeansNothingWritten() {
    assertThat(usage.flush()).isZero();

    assertThat(ports.tokens.lastUseWrites()).isZero();
  }

  @Test
  void aFlushWritesEachUseOnce() {
    usage.used(tenant, one.id(), T0.plusSeconds(10));
    usage.flush();

    assertThat(usage.flush()).isZero();
    assertThat(ports.tokens.lastUseWrites()).isEqualTo(1);
  }

  @Test
  void aFailedFlushKeepsItsUsesForTheNextOne() {
    usage.used(tenant, one.id(), T0.plusSeconds(10));
    usage.used(tenant, two.id(), T0.plusSeconds(40));
    ports.tokens.failNextRecordLastUse(new IllegalStateException("database went away"));

    assertThatThrownBy(usage::flush).hasMessage("database went away");
    assertThat(lastUse(one)).isEmpty();
    usage.used(tenant, one.id(), T0.plusSeconds(20));
    usage.used(tenant, two.id(), T0.plusSeconds(30));

    assertThat(usage.flush()).isEqualTo(2);
    assertThat(lastUse(one)).contains(T0.plusSeconds(20));
    assertThat(lastUse(two)).contains(T0.plusSeconds(40));
  }

  @Test
  void anOlderUseNeverLowersTheStoredTime() {
    usage.used(tenant, one.id(), T0.plusSeconds(60));
    usage.flush();
    usage.used(tenant, one.id(), T0.plusSeconds(30));
    usage.flush();

    assertThat(lastUse(one)).contains(T0.plusSeconds(60));
  }

  private Optional<Instant> lastUse(ApiToken token) {
    return ports.tokens.stored(token.id()).orElseThrow().lastUse();
  }
}
