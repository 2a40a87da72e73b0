package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.MutableClock;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.TokenDigest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {
  private final MutableClock clock = new MutableClock();
  private final CredentialCache cache = new CredentialCache(clock);
  private final TenantId acme = Fixtures.anyTenantId();
  private final TenantId globex = Fixtures.anyTenantId();
  private final AtomicInteger lookups = new AtomicInteger();

  @BeforeEach
  void listen() {
    cache.listening(true);
  }

  @Test
  void aHitNeedsNoLookup() {
    TokenDigest digest = digest(1);
    Principal.TenantPrincipal principal = principal(acme);

    assertThat(cache.get(digest, found(principal))).contains(principal);
    assertThat(cache.get(digest, found(principal))).contains(principal);
    assertThat(cache.get(digest, found(principal))).contains(principal);

    assertThat(lookups).hasValue(1);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void differentTokensAreCachedApart() {
    Principal.TenantPrincipal first = principal(acme);
    Principal.TenantPrincipal second = principal(acme);
    cache.get(digest(1), found(first));
    cache.get(digest(2), found(second));

    assertThat(cache.get(digest(1), found(second))).contains(first);
    assertThat(cache.get(digest(2), found(first))).contains(second);
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aTenantChangeDropsThatTenantsEntriesAndNoOthers() {
    cache.get(digest(1), found(principal(acme)));
    cache.get(digest(2), found(principal(acme)));
    cache.get(digest(3), found(principal(globex)));
    assertThat(cache.size()).isEqualTo(3);

    cache.tenantChanged(acme);

    lookups.set(0);
    cache.get(digest(3), found(principal(globex)));
    assertThat(lookups).as("globex is still cached").hasValue(0);
    cache.get(digest(1), found(principal(acme)));
    cache.get(digest(2), found(principal(acme)));
    assertThat(lookups).as("acme is looked up again").hasValue(2);
  }

  @Test
  void whatIsLookedUpAfterAChangeIsCachedAgain() {
    cache.get(digest(1), found(principal(acme)));
    cache.tenantChanged(acme);
    Principal.TenantPrincipal fresh = principal(acme);

    assertThat(cache.get(digest(1), found(fresh))).contains(fresh);
    assertThat(cache.get(digest(1), found(principal(acme)))).contains(fresh);
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aChangeDuringAFillKeepsTheStaleResultOut() {
    Principal.TenantPrincipal stale = principal(acme);
    Supplier<Optional<Principal.TenantPrincipal>> readThenChange = () -> {
      lookups.incrementAndGet();
      // The database answered with the old state; the change commits before the answer is stored.
      cache.tenantChanged(acme);
      return Optional.of(stale);
    };

    assertThat(cache.get(digest(1), readThenChange)).as("this caller still gets its answer").contains(stale);

    assertThat(cache.size()).isZero();
    Principal.TenantPrincipal fresh = principal(acme);
    assertThat(cache.get(digest(1), found(fresh))).contains(fresh);
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aChangeOfAnotherTenantDuringAFillAlsoKeepsTheResultOut() {
    // Conservative by design: one counter for every change, so a fill never races any of them.
    Supplier<Optional<Principal.TenantPrincipal>> readThenChange = () -> {
      lookups.incrementAndGet();
      cache.tenantChanged(globex);
      return Optional.of(principal(acme));
    };

    cache.get(digest(1), readThenChange);

    assertThat(cache.size()).isZero();
  }

  @Test
  void losingTheChannelDuringAFillKeepsTheResultOut() {
    Supplier<Optional<Principal.TenantPrincipal>> readThenDrop = () -> {
      lookups.incrementAndGet();
      cache.listening(false);
      cache.listening(true);
      return Optional.of(principal(acme));
    };

    cache.get(digest(1), readThenDrop);

    assertThat(cache.size()).isZero();
    cache.get(digest(1), found(principal(acme)));
    assertThat(lookups).hasValue(2);
  }

  @Test
  void notListeningEveryGetLooksUp() {
    cache.listening(false);
    Principal.TenantPrincipal principal = principal(acme);

    assertThat(cache.get(digest(1), found(principal))).contains(principal);
    assertThat(cache.get(digest(1), found(principal))).contains(principal);
    assertThat(cache.get(digest(1), found(principal))).contains(principal);

    assertThat(lookups).hasValue(3);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aNewCacheDoesNotCacheUntilItIsListening() {
    CredentialCache fresh = new CredentialCache(clock);

    fresh.get(digest(1), found(principal(acme)));
    fresh.get(digest(1), found(principal(acme)));

    assertThat(lookups).hasValue(2);
    assertThat(fresh.size()).isZero();
  }

  @Test
  void stoppingListeningForgetsEverything() {
    cache.get(digest(1), found(principal(acme)));
    cache.get(digest(2), found(principal(globex)));
    assertThat(cache.size()).isEqualTo(2);

    cache.listening(false);

    assertThat(cache.size()).isZero();
    cache.listening(true);
    cache.get(digest(1), found(principal(acme)));
    assertThat(lookups).as("looked up again once listening again").hasValue(3);
  }

  @Test
  void listeningAgainAlsoForgetsEverything() {
    // Changes may have been missed between the drop and the new LISTEN.
    cache.get(digest(1), found(principal(acme)));

    cache.listening(true);

    assertThat(cache.size()).isZero();
    cache.get(digest(1), found(principal(acme)));
    assertThat(lookups).hasValue(2);
  }

  @Test
  void anEntryExpiresAfterTheTimeToLive() {
    cache.get(digest(1), found(principal(acme)));

    clock.advance(CredentialCache.TIME_TO_LIVE.minusNanos(1));
    cache.get(digest(1), found(principal(acme)));
    assertThat(lookups).as("still cached just before the time to live").hasValue(1);

    clock.advance(Duration.ofNanos(1));
    cache.get(digest(1), found(principal(acme)));
    assertThat(lookups).as("looked up again at the time to live").hasValue(2);

    cache.get(digest(1), found(principal(acme)));
    assertThat(lookups).as("and cached afresh").hasValue(2);
  }

  @Test
  void aRefusalIsLookedUpEveryTime() {
    Supplier<Optional<Principal.TenantPrincipal>> refused = () -> {
      lookups.incrementAndGet();
      return Optional.empty();
    };

    assertThat(cache.get(digest(1), refused)).isEmpty();
    assertThat(cache.get(digest(1), refused)).isEmpty();
    assertThat(cache.get(digest(1), refused)).isEmpty();

    assertThat(lookups).hasValue(3);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aTokenRefusedOnceIsCachedOnceItIsAccepted() {
    cache.get(digest(1), () -> Optional.empty());
    Principal.TenantPrincipal principal = principal(acme);

    cache.get(digest(1), found(principal));

    assertThat(cache.get(digest(1), () -> Optional.empty())).contains(principal);
  }

  @Test
  void aFullCacheStartsOverRatherThanGrow() {
    for (int i = 0; i < CredentialCache.MAX_ENTRIES; i++) {
      cache.get(digest(i), found(principal(acme)));
    }
    assertThat(cache.size()).isEqualTo(CredentialCache.MAX_ENTRIES);

    Principal.TenantPrincipal last = principal(acme);
    cache.get(digest(CredentialCache.MAX_ENTRIES), found(last));

    assertThat(cache.size()).isEqualTo(1);
    lookups.set(0);
    assertThat(cache.get(digest(CredentialCache.MAX_ENTRIES), found(principal(acme)))).contains(last);
    cache.get(digest(0), found(principal(acme)));
    assertThat(lookups).as("the newest survives, the older ones are gone").hasValue(1);
  }

  private Supplier<Optional<Principal.TenantPrincipal>> found(Principal.TenantPrincipal principal) {
    return () -> {
      lookups.incrementAndGet();
      return Optional.of(principal);
    };
  }

  private static Principal.TenantPrincipal principal(TenantId tenant) {
    return new Principal.TenantPrincipal(tenant, new Actor.UserRef(Fixtures.anyUserId()), "Someone",
        PermissionSet.all(), Fixtures.anyApiTokenId());
  }

  private static TokenDigest digest(int n) {
    return new TokenDigest("test", ByteBuffer.allocate(32).putInt(n).array());
  }
}
