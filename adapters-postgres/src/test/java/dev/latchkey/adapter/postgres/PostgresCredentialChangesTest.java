package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.adapter.postgres.testing.FreezableProxy;
import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.application.port.in.InvalidateCredentialsUseCase;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Credential changes through PostgreSQL: NOTIFY goes out with the commit and never with a rollback,
 * after-commit actions run after the commit alone, and the listener passes on what it hears and says
 * whether it hears at all.
 */
class PostgresCredentialChangesTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final SequentialIdGenerator ids = new SequentialIdGenerator();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Database db = new Database(database.dataSource());
  private final JooqTransactions transactions = new JooqTransactions(db);
  private final PostgresCredentialChanges changes = new PostgresCredentialChanges(db);
  private final JooqTenantRepository tenants = new JooqTenantRepository(db);

  private Connection listening;
  private final List<String> heard = new ArrayList<>();

  @BeforeEach
  void listen() throws SQLException {
    listening = database.dataSource().getConnection();
    try (Statement s = listening.createStatement()) {
      s.execute("LISTEN " + PostgresCredentialChanges.CHANNEL);
    }
  }

  @AfterEach
  void stopListening() throws SQLException {
    try (Statement s = listening.createStatement()) {
      s.execute("UNLISTEN *");
    }
    listening.close();
  }

  @Test
  void anAnnouncementInATransactionIsHeardOnlyOnceItCommits() {
    TenantId tenant = anyTenant();

    transactions.inTransaction(() -> {
      changes.announce(tenant);
      // A marker sent and committed meanwhile from elsewhere arrives; the announcement does not yet.
      String marker = notifyFromAnotherConnection();
      awaitHeard(marker);
      assertThat(heard).doesNotContain(tenant.toString());
      return null;
    });

    awaitHeard(tenant.toString());
  }

  @Test
  void anAnnouncementInATransactionThatRollsBackIsNeverHeard() {
    TenantId tenant = anyTenant();

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      changes.announce(tenant);
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    // Notifications arrive in commit order: once a later marker is heard, the announcement never will be.
    awaitHeard(notifyFromAnotherConnection());
    assertThat(heard).doesNotContain(tenant.toString());
  }

  @Test
  void anAnnouncementOutsideATransactionIsHeardAtOnce() {
    TenantId tenant = anyTenant();

    changes.announce(tenant);

    awaitHeard(tenant.toString());
  }

  @Test
  void anAfterCommitActionRunsOnceTheChangeIsCommittedAndVisibleElsewhere() {
    TenantId tenant = anyTenant();
    AtomicReference<Long> visibleElsewhere = new AtomicReference<>();

    transactions.inTransaction(() -> {
      tenants.insert(Tenant.create(tenant, new DisplayName("Committed"), FixedClock.DEFAULT));
      transactions.afterCommit(() -> visibleElsewhere.set(countTenant(tenant)));
      assertThat(visibleElsewhere).as("not run inside the transaction").hasNullValue();
      return null;
    });

    assertThat(visibleElsewhere).hasValue(1L);
  }

  @Test
  void anAfterCommitActionOfANestedTransactionWaitsForTheOuterCommit() {
    TenantId tenant = anyTenant();
    AtomicReference<Long> visibleElsewhere = new AtomicReference<>();

    transactions.inTransaction(() -> {
      transactions.inTransaction(() -> {
        tenants.insert(Tenant.create(tenant, new DisplayName("Nested"), FixedClock.DEFAULT));
        transactions.afterCommit(() -> visibleElsewhere.set(countTenant(tenant)));
        return null;
      });
      assertThat(visibleElsewhere).as("the nested one joined the outer").hasNullValue();
      return null;
    });

    assertThat(visibleElsewhere).hasValue(1L);
  }

  @Test
  void anAfterCommitActionNeverRunsWhenTheTransactionRollsBack() {
    AtomicBoolean ran = new AtomicBoolean();

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      transactions.afterCommit(() -> ran.set(true));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(ran).isFalse();
    // ...nor with the next transaction of this thread.
    transactions.inTransaction(() -> null);
    assertThat(ran).isFalse();
  }

  @Test
  void anAfterCommitActionRunsAtOnceOutsideATransaction() {
    AtomicBoolean ran = new AtomicBoolean();

    transactions.afterCommit(() -> ran.set(true));

    assertThat(ran).isTrue();
  }

  @Test
  void theListenerPassesOnWhatItHearsAndSaysWhetherItHears() {
    Recording recording = new Recording();
    try (HikariDataSource listenerPool = pool("lk-listener-" + System.nanoTime());
        PostgresCredentialChangeListener listener = new PostgresCredentialChangeListener(listenerPool, recording)) {
      listener.start();
      await("the listener listens", () -> recording.events.contains("listening true"));

      TenantId fromElsewhere = anyTenant();
      Sql.execute(database.dataSource(),
          "select pg_notify('" + PostgresCredentialChanges.CHANNEL + "', '" + fromElsewhere + "')");
      await("the listener hears a plain NOTIFY", () -> recording.events.contains("changed " + fromElsewhere));

      TenantId committed = anyTenant();
      TenantId rolledBack = anyTenant();
      assertThatThrownBy(() -> transactions.inTransaction(() -> {
        changes.announce(rolledBack);
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      transactions.inTransaction(() -> {
        changes.announce(committed);
        return null;
      });
      await("the listener hears a committed announcement", () -> recording.events.contains("changed " + committed));
      assertThat(recording.events).doesNotContain("changed " + rolledBack);
    }
    assertThat(recording.events).last().isEqualTo("listening false");
  }

  @Test
  void anUnreadableAnnouncementMakesTheListenerForgetEverything() {
    Recording recording = new Recording();
    try (HikariDataSource listenerPool = pool("lk-listener-" + System.nanoTime());
        PostgresCredentialChangeListener listener = new PostgresCredentialChangeListener(listenerPool, recording)) {
      listener.start();
      await("the listener listens", () -> recording.events.contains("listening true"));
      int before = recording.events.size();

      Sql.execute(database.dataSource(), "select pg_notify('" + PostgresCredentialChanges.CHANNEL + "', 'garbage')");

      await("the cache is flushed", () -> recording.events.size() > before);
      assertThat(recording.events.subList(before, recording.events.size())).containsOnly("listening true");
    }
  }

  @Test
  void aListenerWhoseConnectionIsKilledSaysSoAndListensAgainOnANewOne() {
    Recording recording = new Recording();
    String applicationName = "lk-listener-" + System.nanoTime();
    try (HikariDataSource listenerPool = pool(applicationName);
        PostgresCredentialChangeListener listener = new PostgresCredentialChangeListener(listenerPool, recording)) {
      listener.start();
      await("the listener listens", () -> recording.events.contains("listening true"));
      assertThat(Sql.count(database.dataSource(), "select count(*) from pg_stat_activity"
          + " where application_name = '" + applicationName + "'")).as("the listener's backends").isPositive();

      Sql.strings(database.dataSource(), "select pg_terminate_backend(pid) from pg_stat_activity"
          + " where application_name = '" + applicationName + "'");

      await("the listener says it lost the channel", () -> recording.events.contains("listening false"));
      int lost = recording.events.indexOf("listening false");
      await("the listener listens again",
          () -> recording.events.subList(lost, recording.events.size()).contains("listening true"));

      TenantId afterReconnect = anyTenant();
      await("the listener hears again after reconnecting", () -> {
        changes.announce(afterReconnect);
        return recording.events.contains("changed " + afterReconnect);
      });
      assertThat(recording.events.getFirst()).isEqualTo("listening true");
    }
    assertThat(recording.events).last().isEqualTo("listening false");
  }

  @Test
  void aListenerWhoseConnectionSilentlyStopsDeliveringTurnsTheCacheOffUntilTheChannelIsProvenAgain()
      throws Exception {
    Recording recording = new Recording();
    var quick = new PostgresCredentialChangeListener.Timings(Duration.ofMillis(200), Duration.ofSeconds(1));
    try (FreezableProxy proxy = new FreezableProxy(host(database.url()), port(database.url()));
        HikariDataSource listenerPool = pool("lk-listener-" + System.nanoTime(), proxy.proxiedUrl(database.url()));
        PostgresCredentialChangeListener listener = new PostgresCredentialChangeListener(listenerPool, recording,
            quick)) {
      listener.start();
      await("the listener listens", () -> recording.events.contains("listening true"));

      // The connection stays open but carries nothing: no error, no close, just silence.
      proxy.freeze();
      await("the listener notices the silence and turns the cache off",
          () -> recording.events.contains("listening false"));
      int off = recording.events.lastIndexOf("listening false");
      assertThat(recording.events.subList(off, recording.events.size())).doesNotContain("listening true");

      proxy.thaw();
      await("the cache is on again once the channel is proven alive", () -> recording.events
          .subList(off, recording.events.size()).contains("listening true"));
      TenantId afterThaw = anyTenant();
      await("the listener hears again", () -> {
        changes.announce(afterThaw);
        return recording.events.contains("changed " + afterThaw);
      });
    }
    assertThat(recording.events).last().isEqualTo("listening false");
  }

  @Test
  void heartbeatsAreNeitherChangesNorUnreadableAnnouncements() {
    Recording recording = new Recording();
    var quick = new PostgresCredentialChangeListener.Timings(Duration.ofMillis(50), Duration.ofSeconds(2));
    try (HikariDataSource listenerPool = pool("lk-listener-" + System.nanoTime());
        PostgresCredentialChangeListener listener = new PostgresCredentialChangeListener(listenerPool, recording,
            quick)) {
      listener.start();
      await("the listener listens", () -> recording.events.contains("listening true"));
      int before = recording.events.size();

      // Another instance's heartbeat, then a marker change: only the change is passed on.
      Sql.execute(database.dataSource(), "select pg_notify('" + PostgresCredentialChanges.CHANNEL + "', '"
          + PostgresCredentialChangeListener.HEARTBEAT_PREFIX + "another-instance')");
      TenantId marker = anyTenant();
      changes.announce(marker);
      await("the marker is heard", () -> recording.events.contains("changed " + marker));

      assertThat(recording.events.subList(before, recording.events.size())).containsExactly("changed " + marker);
    }
  }

  private static String host(String jdbcUrl) {
    return jdbcUrl.replaceFirst("^jdbc:postgresql://([^:/]+).*$", "$1");
  }

  private static int port(String jdbcUrl) {
    String port = jdbcUrl.replaceFirst("^jdbc:postgresql://[^:/]+(?::(\\d+))?/.*$", "$1");
    return port.isEmpty() ? 5432 : Integer.parseInt(port);
  }

  /** What the listener tells the cache, in order. */
  private static final class Recording implements InvalidateCredentialsUseCase {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void tenantChanged(TenantId tenant) {
      events.add("changed " + tenant);
    }

    @Override
    public void listening(boolean listening) {
      events.add("listening " + listening);
    }
  }

  /** A pool of its own for the listener, named so that its backends can be found and killed. */
  private static HikariDataSource pool(String applicationName) {
    return pool(applicationName, database.url());
  }

  private static HikariDataSource pool(String applicationName, String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(3_000);
    config.addDataSourceProperty("ApplicationName", applicationName);
    return new HikariDataSource(config);
  }

  private static TenantId anyTenant() {
    return new TenantId(ids.newId());
  }

  private static long countTenant(TenantId tenant) {
    return Sql.count(database.dataSource(), "select count(*) from tenant where id = '" + tenant + "'");
  }

  private static String notifyFromAnotherConnection() {
    String marker = "marker-" + System.nanoTime();
    Sql.execute(database.dataSource(), "select pg_notify('" + PostgresCredentialChanges.CHANNEL + "', '" + marker + "')");
    return marker;
  }

  private void awaitHeard(String payload) {
    await("hearing " + payload, () -> {
      try {
        PGNotification[] received = listening.unwrap(PGConnection.class).getNotifications(100);
        if (received != null) {
          for (PGNotification n : received) {
            assertThat(n.getName()).isEqualTo(PostgresCredentialChanges.CHANNEL);
            heard.add(n.getParameter());
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return heard.contains(payload);
    });
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
