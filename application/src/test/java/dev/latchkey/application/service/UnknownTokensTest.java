package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.FakeSecretGenerator;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.in.CreateApiTokenCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.domain.error.UnavailableException;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Tokens that are well-formed but not stored: remembered briefly as absent (until any change is
 * heard), looked up once however many checks of one digest arrive together, and never more than
 * a bounded number of lookups at once.
 */
class UnknownTokensTest {
  private final InMemoryPorts ports = listening(new InMemoryPorts());
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal holder = ports.signIn(acme.ownerToken());
  private final PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.all());

  private static InMemoryPorts listening(InMemoryPorts ports) {
    ports.credentialCache.listening(true);
    return ports;
  }

  @Test
  void anUnknownTokenCheckedAgainCostsNoQuery() {
    String unknown = nextAppToken().reveal();
    assertThat(check(unknown)).isInstanceOf(TokenCheck.Unknown.class);
    int calls = ports.tokens.calls();

    assertThat(check(unknown)).isInstanceOf(TokenCheck.Unknown.class);

    assertThat(ports.tokens.calls()).isEqualTo(calls);
  }

  @Test
  void aTokenRememberedAsAbsentIsAcceptedOnTheNextCallOnceItIsCreated() {
    TokenSecret next = nextAppToken();
    assertThat(check(next.reveal())).isInstanceOf(TokenCheck.Unknown.class);
    assertThat(check(next.reveal())).isInstanceOf(TokenCheck.Unknown.class);

    IssuedToken created = ports.createApiTokenService().execute(holder, new CreateApiTokenCommand(app.ref(), Fixtures.name()));

    assertThat(created.secret()).isEqualTo(next);
    assertThat(check(next.reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void aTokenCreatedInAnotherTenantOnAnotherInstanceAlsoEndsWhatIsRememberedAsAbsent() {
    TokenSecret next = nextAppToken();
    assertThat(check(next.reveal())).isInstanceOf(TokenCheck.Unknown.class);
    CreatedTenant other = ports.createTenant();
    next = nextAppToken();
    assertThat(check(next.reveal())).isInstanceOf(TokenCheck.Unknown.class);

    // Stored by another instance: this one hears only the announcement of the other tenant.
    IssuedToken created = ports.issueToken(tenant, app.ref());
    ports.credentialCache.tenantChanged(other.tenant().id());

    assertThat(created.secret()).isEqualTo(next);
    assertThat(check(next.reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void absenceIsForgottenAfterAFewSeconds() {
    TokenSecret next = nextAppToken();
    check(next.reveal());
    ports.issueToken(tenant, app.ref()); // stored without an announcement, as a missed one would be

    assertThat(check(next.reveal())).isInstanceOf(TokenCheck.Unknown.class);
    ports.clock.advance(CredentialCache.ABSENT_TIME_TO_LIVE);

    assertThat(check(next.reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void aTokenOfADisabledAppIsCheckedAgainOnEveryCall() {
    IssuedToken token = ports.issueToken(tenant, app.ref());
    ports.privateApps.update(app.disable(ports.clock.instant()));
    ports.credentialCache.tenantChanged(tenant);
    assertThat(check(token.secret().reveal())).isInstanceOf(TokenCheck.OwnerInactive.class);
    int calls = ports.tokens.calls();

    assertThat(check(token.secret().reveal())).isInstanceOf(TokenCheck.OwnerInactive.class);

    assertThat(ports.tokens.calls()).isGreaterThan(calls);
  }

  @Test
  void malformedTokensCauseNoQueryAtAll() {
    int calls = ports.tokens.calls() + ports.privateApps.calls() + ports.users.calls() + ports.roles.calls();
    String valid = nextAppToken().reveal();

    for (String bad : List.of("", "lka_", valid.substring(0, valid.length() - 1), valid + "0",
        valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A"), "Bearer " + valid)) {
      assertThat(check(bad)).isInstanceOf(TokenCheck.Malformed.class);
    }

    assertThat(ports.tokens.calls() + ports.privateApps.calls() + ports.users.calls() + ports.roles.calls())
        .isEqualTo(calls);
  }

  @Test
  void concurrentChecksOfOneUnknownTokenShareOneQuery() throws Exception {
    HeldLookups held = new HeldLookups(ports.tokens);
    AuthenticateTokenService service = serviceWith(held, new TokenLookups(8, Duration.ofSeconds(30)));
    String unknown = nextAppToken().reveal();
    int checks = 16;

    List<Future<TokenCheck>> results = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(checks)) {
      try {
        for (int i = 0; i < checks; i++) {
          results.add(threads.submit(() -> service.authenticate(unknown)));
        }
        held.awaitStarted(1);
        awaitAllParked(checks);
      } finally {
        held.release();
      }
      for (Future<TokenCheck> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOf(TokenCheck.Unknown.class);
      }
    }

    assertThat(held.started.get()).isEqualTo(1);
  }

  @Test
  void lookupsBeyondTheBoundWaitThenFailUnavailable() throws Exception {
    HeldLookups held = new HeldLookups(ports.tokens);
    AuthenticateTokenService service = serviceWith(held, new TokenLookups(2, Duration.ofMillis(50)));

    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      List<Future<TokenCheck>> holding;
      try {
        holding = List.of(
            threads.submit(() -> service.authenticate(nextAppToken().reveal())),
            threads.submit(() -> service.authenticate(secondNextAppToken().reveal())));
        held.awaitStarted(2);

        assertThatThrownBy(() -> service.authenticate(TokenSecret.assemble(TokenKind.PRIVATE_APP,
            "x".repeat(dev.latchkey.domain.token.TokenFormat.RANDOM_LENGTH)).reveal()))
            .isInstanceOf(UnavailableException.class);
        assertThat(held.started.get()).isEqualTo(2);
      } finally {
        held.release();
      }
      for (Future<TokenCheck> result : holding) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOf(TokenCheck.Unknown.class);
      }
    }
  }

  private AuthenticateTokenService serviceWith(ApiTokenRepository tokens, TokenLookups lookups) {
    return new AuthenticateTokenService(ports.hasher, ports.operator, tokens, ports.users, ports.roles,
        ports.privateApps, ports.usage, ports.clock, ports.credentialCache, lookups, ports.ingestTokens);
  }

  /**
   * Waits (bounded) until {@code threads} threads are parked inside {@link TokenLookups}: in the
   * held query, joined to it, or waiting for a permit.
   */
  private static void awaitAllParked(int threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      long parked = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
          .filter(t -> java.util.Arrays.stream(t.getStackTrace()).anyMatch(
              f -> f.getClassName().equals(TokenLookups.class.getName())))
          .count();
      if (parked >= threads) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the checks did not all reach the lookup");
  }

  private TokenCheck check(String token) {
    return ports.authenticateTokenService().authenticate(token);
  }

  /** The token the next private-app token issued by the fakes will be. */
  private TokenSecret nextAppToken() {
    return upcoming(0);
  }

  private TokenSecret secondNextAppToken() {
    return upcoming(1);
  }

  private TokenSecret upcoming(int ahead) {
    FakeSecretGenerator twin = new FakeSecretGenerator();
    int issued = ports.secrets.issued().size();
    TokenSecret next = null;
    for (int i = 0; i <= issued + ahead; i++) {
      next = twin.newToken(TokenKind.PRIVATE_APP);
    }
    return next;
  }

  private static final class Fixtures {
    static dev.latchkey.domain.common.DisplayName name() {
      return new dev.latchkey.domain.common.DisplayName("production");
    }
  }

  /** A repository whose digest lookups wait until released, counting how many started. */
  private static final class HeldLookups implements ApiTokenRepository {
    private final ApiTokenRepository delegate;
    private final CountDownLatch released = new CountDownLatch(1);
    final AtomicInteger started = new AtomicInteger();

    HeldLookups(ApiTokenRepository delegate) {
      this.delegate = delegate;
    }

    void awaitStarted(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (started.get() < count && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(started.get()).as("lookups started").isGreaterThanOrEqualTo(count);
    }

    void release() {
      released.countDown();
    }

    @Override
    public Optional<ApiToken> findByDigest(TokenDigest digest) {
      started.incrementAndGet();
      try {
        released.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return delegate.findByDigest(digest);
    }

    @Override
    public void insert(ApiToken token) {
      delegate.insert(token);
    }

    @Override
    public boolean rehash(ApiToken token, TokenDigest digest) {
      return delegate.rehash(token, digest);
    }

    @Override
    public Optional<ApiToken> findById(TenantId tenantId, Actor owner, ApiTokenId id) {
      return delegate.findById(tenantId, owner, id);
    }

    @Override
    public Page<ApiToken> listByOwner(TenantId tenantId, Actor owner, PageRequest request) {
      return delegate.listByOwner(tenantId, owner, request);
    }

    @Override
    public void lockOwner(TenantId tenantId, Actor owner) {
      delegate.lockOwner(tenantId, owner);
    }

    @Override
    public int countByOwner(TenantId tenantId, Actor owner) {
      return delegate.countByOwner(tenantId, owner);
    }

    @Override
    public boolean delete(TenantId tenantId, Actor owner, ApiTokenId id, Instant when) {
      return delegate.delete(tenantId, owner, id, when);
    }

    @Override
    public int deleteAllOf(TenantId tenantId, Actor owner, Instant when) {
      return delegate.deleteAllOf(tenantId, owner, when);
    }

    @Override
    public void recordLastUse(Map<ApiTokenId, Instant> lastUse) {
      delegate.recordLastUse(lastUse);
    }
  }
}
