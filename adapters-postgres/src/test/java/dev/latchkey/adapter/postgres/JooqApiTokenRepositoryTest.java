package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.SwitchableDataSource;
import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.user.UserId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tokens by owner (type and id), soft deletion, and last-use times written in one batch. */
class JooqApiTokenRepositoryTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final Instant NOW = FixedClock.DEFAULT;
  private static final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final SwitchableDataSource counted = new SwitchableDataSource(database.dataSource());
  private final Database db = new Database(counted);
  private final JooqApiTokenRepository tokens = new JooqApiTokenRepository(db);
  private final JooqTenantRepository tenants = new JooqTenantRepository(db);

  @Test
  void lockingAnOwnerMakesASecondTransactionForTheSameOwnerWaitButNotOneForAnother() throws Exception {
    TenantId tenant = newTenant();
    Actor app = new Actor.PrivateAppRef(new PrivateAppId(ids.newId()));
    Actor other = new Actor.PrivateAppRef(new PrivateAppId(ids.newId()));
    Database plain = new Database(database.dataSource());
    JooqTransactions transactions = new JooqTransactions(plain);
    JooqApiTokenRepository repository = new JooqApiTokenRepository(plain);
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean secondDone = new java.util.concurrent.atomic.AtomicBoolean();

    Thread first = Thread.ofPlatform().start(() -> transactions.inTransaction(() -> {
      repository.lockOwner(tenant, app);
      held.countDown();
      awaitQuietly(release);
      return null;
    }));
    held.await();
    Thread second = Thread.ofPlatform().start(() -> transactions.inTransaction(() -> {
      repository.lockOwner(tenant, app);
      secondDone.set(true);
      return null;
    }));
    // The second waits on the first's advisory lock, as PostgreSQL itself reports.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (waitingAdvisoryLocks() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(waitingAdvisoryLocks()).isEqualTo(1);
    assertThat(secondDone).isFalse();
    // Another owner is not held up meanwhile.
    transactions.inTransaction(() -> {
      repository.lockOwner(tenant, other);
      return null;
    });

    release.countDown();
    first.join();
    second.join();
    assertThat(secondDone).isTrue();
    assertThat(waitingAdvisoryLocks()).isZero();
  }

  private static long waitingAdvisoryLocks() throws java.sql.SQLException {
    try (var c = database.dataSource().getConnection(); var s = c.createStatement();
        var r = s.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aTokenIsFoundOnlyUnderItsOwnerOfTheRightTypeInItsTenant() {
    TenantId tenant = newTenant();
    UUID ownerUuid = ids.newId();
    Actor app = new Actor.PrivateAppRef(new PrivateAppId(ownerUuid));
    ApiToken token = newToken(tenant, app, null);

    assertThat(tokens.findById(tenant, app, token.id())).contains(token);
    assertThat(tokens.findById(tenant, new Actor.UserRef(new UserId(ownerUuid)), token.id())).isEmpty();
    assertThat(tokens.findById(newTenant(), app, token.id())).isEmpty();
    assertThat(tokens.findById(tenant, new Actor.PrivateAppRef(new PrivateAppId(ids.newId())), token.id())).isEmpty();
    assertThat(tokens.findById(tenant, new Actor.Operator(), token.id())).isEmpty();
  }

  @Test
  void anOwnersLiveTokensAreListedNewestFirstCountedAndDeleted() {
    TenantId tenant = newTenant();
    Actor app = new Actor.PrivateAppRef(new PrivateAppId(ids.newId()));
    List<ApiToken> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newToken(tenant, app, null));
    }
    newToken(tenant, new Actor.PrivateAppRef(new PrivateAppId(ids.newId())), null);

    assertThat(tokens.delete(tenant, app, created.get(3).id(), NOW)).isTrue();
    assertThat(tokens.delete(tenant, app, created.get(3).id(), NOW)).isFalse();

    Page<ApiToken> first = tokens.listByOwner(tenant, app, new PageRequest(2, Optional.empty()));
    Page<ApiToken> second = tokens.listByOwner(tenant, app, new PageRequest(2, first.nextCursor()));
    assertThat(first.items()).containsExactly(created.get(4), created.get(2));
    assertThat(second.items()).containsExactly(created.get(1), created.get(0));
    assertThat(second.nextCursor()).isEmpty();
    assertThat(tokens.countByOwner(tenant, app)).isEqualTo(4);
    assertThat(tokens.findByDigest(created.get(3).digest())).isEmpty();

    assertThat(tokens.deleteAllOf(tenant, app, NOW)).isEqualTo(4);
    assertThat(tokens.countByOwner(tenant, app)).isZero();
    assertThat(tokens.listByOwner(tenant, app, new PageRequest(10, Optional.empty())).items()).isEmpty();
  }

  @Test
  void lastUseTimesOfABatchAreRaisedInOneStatementAndNeverLowered() {
    TenantId tenant = newTenant();
    Actor user = new Actor.UserRef(new UserId(ids.newId()));
    ApiToken neverUsed = newToken(tenant, user, null);
    ApiToken usedLately = newToken(tenant, user, NOW.plusSeconds(100));
    ApiToken usedLongAgo = newToken(tenant, user, NOW.minusSeconds(100));
    ApiToken untouched = newToken(tenant, user, NOW.minusSeconds(5));
    Map<ApiTokenId, Instant> uses = new HashMap<>();
    uses.put(neverUsed.id(), NOW.plusSeconds(1));
    uses.put(usedLately.id(), NOW.plusSeconds(2));
    uses.put(usedLongAgo.id(), NOW.plusSeconds(3));
    uses.put(new ApiTokenId(ids.newId()), NOW.plusSeconds(4));

    int before = counted.statements();
    tokens.recordLastUse(uses);

    assertThat(counted.statements() - before).isOne();
    assertThat(lastUse(tenant, user, neverUsed)).contains(NOW.plusSeconds(1));
    assertThat(lastUse(tenant, user, usedLately)).contains(NOW.plusSeconds(100));
    assertThat(lastUse(tenant, user, usedLongAgo)).contains(NOW.plusSeconds(3));
    assertThat(lastUse(tenant, user, untouched)).contains(NOW.minusSeconds(5));
  }

  @Test
  void anEmptyBatchOfLastUsesCostsNoStatement() {
    int before = counted.statements();

    tokens.recordLastUse(Map.of());

    assertThat(counted.statements()).isEqualTo(before);
  }

  private Optional<Instant> lastUse(TenantId tenant, Actor owner, ApiToken token) {
    return tokens.findById(tenant, owner, token.id()).orElseThrow().lastUse();
  }

  private TenantId newTenant() {
    TenantId id = new TenantId(ids.newId());
    tenants.insert(Tenant.create(id, new DisplayName("Tenant"), NOW));
    return id;
  }

  private ApiToken newToken(TenantId tenant, Actor owner, Instant lastUse) {
    UUID id = ids.newId();
    byte[] digest = ByteBuffer.allocate(32).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits()).array();
    ApiToken token = new ApiToken(tenant, new ApiTokenId(id), owner, new DisplayName("Token"), "lka_abcdef",
        new TokenDigest("k1", digest), NOW, new Actor.Operator(), lastUse);
    tokens.insert(token);
    return token;
  }
}
