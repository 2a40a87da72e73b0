package dev.latchkey.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEventId;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fakes behave like the real thing where the tests rely on it. */
class FakesTest {
  private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final FakeTransactions transactions = new FakeTransactions(tenants, audit);

  @Test
  void aTransactionThatThrowsLeavesTheFakesAsTheyWereBefore() {
    Tenant before = Fixtures.anyTenant();
    tenants.insert(before);

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      tenants.insert(Fixtures.anyTenant());
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(tenants.all()).containsExactly(before);
    assertThat(transactions.rolledBack()).isEqualTo(1);
  }

  @Test
  void aTransactionThatReturnsKeepsItsChanges() {
    Tenant tenant = transactions.inTransaction(() -> {
      Tenant t = Fixtures.anyTenant();
      tenants.insert(t);
      return t;
    });

    assertThat(tenants.all()).containsExactly(tenant);
    assertThat(transactions.committed()).isEqualTo(1);
  }

  @Test
  void aNestedTransactionJoinsTheOuterOne() {
    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      transactions.inTransaction(() -> {
        tenants.insert(Fixtures.anyTenant());
        return null;
      });
      throw new IllegalStateException("boom");
    }));

    assertThat(tenants.all()).isEmpty();
    assertThat(transactions.committed()).isZero();
  }

  @Test
  void anArmedFailureIsThrownOnceByTheNextWrite() {
    tenants.failNextInsert(new IllegalStateException("disk full"));

    assertThatThrownBy(() -> tenants.insert(Fixtures.anyTenant())).hasMessage("disk full");
    tenants.insert(Fixtures.anyTenant());
    assertThat(tenants.all()).hasSize(1);
  }

  @Test
  void sequentialIdsAreIncreasingVersion7Uuids() {
    SequentialIdGenerator ids = new SequentialIdGenerator(Instant.parse("2026-03-01T12:00:00Z"));
    List<UUID> generated = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      generated.add(ids.newId());
    }

    assertThat(generated).allSatisfy(id -> {
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.variant()).isEqualTo(2);
    });
    assertThat(generated.getFirst().getMostSignificantBits() >>> 16)
        .isEqualTo(Instant.parse("2026-03-01T12:00:00Z").toEpochMilli());
    assertThat(generated).isSortedAccordingTo(InMemoryTenantRepository.UNSIGNED);
    assertThat(generated.stream().map(UUID::toString).toList()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void twoIdGeneratorsGiveTheSameIds() {
    assertThat(new SequentialIdGenerator().newId()).isEqualTo(new SequentialIdGenerator().newId());
  }

  @Test
  void fakeSecretsAreWellFormedDistinctAndTheSameInEveryRun() {
    FakeSecretGenerator secrets = new FakeSecretGenerator();
    List<TokenSecret> issued = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      issued.add(secrets.newToken(TokenKind.PRIVATE_APP));
    }

    assertThat(issued).allSatisfy(s -> assertThat(TokenSecret.parse(s.reveal())).contains(s));
    assertThat(new HashSet<>(issued.stream().map(TokenSecret::reveal).toList())).hasSize(1000);
    assertThat(new HashSet<>(issued.stream().map(TokenSecret::displayPrefix).toList())).hasSizeGreaterThan(900);
    assertThat(new FakeSecretGenerator().newToken(TokenKind.PRIVATE_APP)).isEqualTo(issued.getFirst());
  }

  @Test
  void theHasherGivesOneStableDigestPerToken() {
    FakeTokenHasher hasher = new FakeTokenHasher();
    FakeSecretGenerator secrets = new FakeSecretGenerator();
    TokenSecret one = secrets.newToken(TokenKind.PERSONAL);
    TokenSecret other = secrets.newToken(TokenKind.PERSONAL);

    assertThat(hasher.digest(one)).isEqualTo(new FakeTokenHasher().digest(one)).isNotEqualTo(hasher.digest(other));
    assertThat(hasher.digest(one).keyId()).isEqualTo("test");
  }

  @Test
  void theOperatorCredentialsMatchOnlyTheOperatorToken() {
    FakeOperatorCredentials operator = new FakeOperatorCredentials();

    assertThat(operator.matches(TokenSecret.parse(FakeOperatorCredentials.DEFAULT.reveal()).orElseThrow())).isTrue();
    assertThat(operator.matches(new FakeSecretGenerator().newToken(TokenKind.OPERATOR))).isFalse();
    assertThatThrownBy(() -> new FakeOperatorCredentials(new FakeSecretGenerator().newToken(TokenKind.PERSONAL)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMutableClockMovesOnlyWhenTold() {
    MutableClock clock = new MutableClock();

    assertThat(clock.instant()).isEqualTo(FixedClock.DEFAULT);
    assertThat(clock.advance(java.time.Duration.ofMinutes(5))).isEqualTo(FixedClock.DEFAULT.plusSeconds(300));
    assertThat(clock.instant()).isEqualTo(FixedClock.DEFAULT.plusSeconds(300));
    assertThat(new FixedClock().instant()).isEqualTo(FixedClock.DEFAULT);
  }

  @Test
  void aRolledBackTransactionRestoresDeletedAppsAndTokens() {
    InMemoryPorts ports = new InMemoryPorts();
    TenantId tenant = Fixtures.anyTenantId();
    PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.none());
    IssuedToken token = ports.issueToken(tenant, app.ref());
    ports.audit.append(new AuditEntry(tenant, new AuditEventId(ports.ids.newId()), FixedClock.DEFAULT,
        new Actor.Operator(), null, AuditAction.PRIVATE_APP_CREATED, app.resourceName(), Map.of()));

    assertThatThrownBy(() -> ports.transactions.inTransaction(() -> {
      ports.privateApps.delete(tenant, app.id(), FixedClock.DEFAULT);
      ports.privateApps.insert(Fixtures.privateApp(tenant, PermissionSet.none()));
      ports.tokens.deleteAllOf(tenant, app.ref(), FixedClock.DEFAULT);
      ports.tokens.recordLastUse(Map.of(token.token().id(), FixedClock.DEFAULT));
      ports.audit.append(new AuditEntry(tenant, new AuditEventId(ports.ids.newId()), FixedClock.DEFAULT,
          new Actor.Operator(), null, AuditAction.PRIVATE_APP_DELETED, app.resourceName(), Map.of()));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(ports.privateApps.all()).containsExactly(app);
    assertThat(ports.tokens.all()).containsExactly(token.token());
    assertThat(ports.audit.entries()).hasSize(1);
  }

  @Test
  void theRequestLogIsWrittenOutsideTransactionsAndSurvivesARollback() throws InterruptedException {
    InMemoryPorts ports = new InMemoryPorts();
    Principal.TenantPrincipal caller = Fixtures.anyTenantPrincipal();

    assertThatThrownBy(() -> ports.transactions.inTransaction(() -> {
      try {
        ports.recordRequestService().record(caller, FixedClock.DEFAULT, "/m", "OK", Duration.ZERO, "p", "a");
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(ports.requestLog.recorded()).hasSize(1);
    assertThat(ports.requestLog.list(caller.tenantId(), caller.actor(),
        new dev.latchkey.application.paging.PageRequest(10, java.util.Optional.empty())).items()).hasSize(1);
  }

  @Test
  void anArmedUpdateFailureIsThrownOnceAndLeavesTheAppAsItWas() {
    InMemoryPrivateAppRepository apps = new InMemoryPrivateAppRepository();
    PrivateApp app = Fixtures.privateApp(Fixtures.anyTenantId(), PermissionSet.none());
    apps.insert(app);
    apps.failNextWrite(new IllegalStateException("disk full"));

    assertThatThrownBy(() -> apps.update(app.disable(FixedClock.DEFAULT))).hasMessage("disk full");
    assertThat(apps.all()).containsExactly(app);
    assertThat(apps.update(app.disable(FixedClock.DEFAULT))).isTrue();
  }

  @Test
  void aRolledBackTransactionRestoresUpdatedAndDeletedUsersAndRoles() {
    InMemoryPorts ports = new InMemoryPorts();
    TenantId tenant = Fixtures.anyTenantId();
    User kept = ports.storeMember(tenant, PermissionSet.none(), true);
    User doomed = ports.storeMember(tenant, PermissionSet.none(), false);
    Role role = ports.roles.findById(tenant, kept.roleId()).orElseThrow();
    Role spare = ports.roles.findById(tenant, doomed.roleId()).orElseThrow();

    assertThatThrownBy(() -> ports.transactions.inTransaction(() -> {
      ports.users.update(kept.withDisplayName(Fixtures.anyDisplayName(), FixedClock.DEFAULT));
      ports.users.delete(tenant, doomed.id(), FixedClock.DEFAULT);
      ports.users.insert(User.member(tenant, Fixtures.anyUserId(), doomed.email(), Fixtures.anyDisplayName(),
          role.id(), FixedClock.DEFAULT));
      ports.roles.update(role.withApiAccess(false, FixedClock.DEFAULT));
      ports.roles.delete(tenant, spare.id(), FixedClock.DEFAULT);
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(ports.users.all()).containsExactlyInAnyOrder(kept, doomed);
    assertThat(ports.users.deleteTime(doomed.id())).isEmpty();
    assertThat(ports.roles.all()).containsExactlyInAnyOrder(role, spare);
    assertThat(ports.users.countWithRole(tenant, spare.id())).isEqualTo(1);
  }

  @Test
  void anArmedUserOrRoleWriteFailureIsThrownOnceAndChangesNothing() {
    InMemoryUserRepository users = new InMemoryUserRepository();
    InMemoryRoleRepository roles = new InMemoryRoleRepository();
    Role role = Fixtures.role(Fixtures.anyTenantId(), PermissionSet.none(), true);
    User user = Fixtures.member(role.tenantId(), role.id());
    roles.insert(role);
    users.insert(user);
    users.failNextWrite(new IllegalStateException("disk full"));
    roles.failNextWrite(new IllegalStateException("disk full"));

    assertThatThrownBy(() -> users.delete(user.tenantId(), user.id(), FixedClock.DEFAULT)).hasMessage("disk full");
    assertThatThrownBy(() -> roles.update(role.withApiAccess(false, FixedClock.DEFAULT))).hasMessage("disk full");
    assertThat(users.all()).containsExactly(user);
    assertThat(roles.all()).containsExactly(role);
    assertThat(users.delete(user.tenantId(), user.id(), FixedClock.DEFAULT)).isTrue();
  }
}
