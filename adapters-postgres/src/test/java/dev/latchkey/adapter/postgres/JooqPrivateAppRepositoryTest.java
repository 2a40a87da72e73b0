package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Private apps in PostgreSQL: round trip, optimistic updates, soft deletion, listing. */
class JooqPrivateAppRepositoryTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final Instant NOW = FixedClock.DEFAULT;
  private static final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final JooqPrivateAppRepository apps = new JooqPrivateAppRepository(db);
  private final JooqTenantRepository tenants = new JooqTenantRepository(db);

  @Test
  void everyFieldSurvivesTheRoundTripInItsTenantOnly() {
    TenantId tenant = newTenant();
    TenantId other = newTenant();
    PrivateApp app = new PrivateApp(tenant, new PrivateAppId(ids.newId()), new DisplayName("Zapier ✓"),
        new Description("Syncs tickets.\nEvery night."), PrivateAppState.DISABLED,
        PermissionSet.of(Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE),
            Grant.of(DataModel.PRIVATE_APPS, Action.READ)),
        NOW, NOW.plusSeconds(5), new Actor.UserRef(new UserId(ids.newId())), 4);

    apps.insert(app);

    assertThat(apps.findById(tenant, app.id())).contains(app);
    assertThat(apps.findById(other, app.id())).isEmpty();
    assertThat(apps.findById(tenant, new PrivateAppId(ids.newId()))).isEmpty();
  }

  @Test
  void anUpdateBasedOnTheCurrentVersionIsStoredAndAStaleOneIsRefused() {
    PrivateApp app = newApp(newTenant());
    PrivateApp renamed = app.withDisplayName(new DisplayName("Renamed"), NOW.plusSeconds(1));
    PrivateApp concurrentlyDisabled = app.disable(NOW.plusSeconds(2));

    assertThat(apps.update(renamed)).isTrue();
    assertThat(apps.update(concurrentlyDisabled)).isFalse();
    assertThat(apps.update(renamed)).isFalse();

    assertThat(apps.findById(app.tenantId(), app.id())).contains(renamed);
    assertThat(renamed.version()).isEqualTo(2);
  }

  @Test
  void anUpdateOfAnotherTenantsAppChangesNothing() {
    PrivateApp app = newApp(newTenant());
    PrivateApp forged = new PrivateApp(newTenant(), app.id(), new DisplayName("Forged"), Description.EMPTY,
        PrivateAppState.ENABLED, PermissionSet.all(), NOW, NOW, new Actor.Operator(), 2);

    assertThat(apps.update(forged)).isFalse();
    assertThat(apps.findById(app.tenantId(), app.id())).contains(app);
  }

  @Test
  void aDeletedAppIsGoneForReadsUpdatesAndListingsButItsRowStays() {
    TenantId tenant = newTenant();
    PrivateApp app = newApp(tenant);

    assertThat(apps.delete(tenant, app.id(), NOW.plusSeconds(9))).isTrue();

    assertThat(apps.delete(tenant, app.id(), NOW.plusSeconds(10))).isFalse();
    assertThat(apps.findById(tenant, app.id())).isEmpty();
    assertThat(apps.update(app.enable(NOW.plusSeconds(11)))).isFalse();
    assertThat(apps.list(tenant, new PageRequest(10, Optional.empty()), Optional.empty()).items()).isEmpty();
    assertThat(Sql.count(database.dataSource(), "select count(*) from private_app where id = '" + app.id()
        + "' and delete_time = '" + NOW.plusSeconds(9) + "'")).isOne();
  }

  @Test
  void anotherTenantCannotDeleteAnApp() {
    PrivateApp app = newApp(newTenant());

    assertThat(apps.delete(newTenant(), app.id(), NOW)).isFalse();
    assertThat(apps.findById(app.tenantId(), app.id())).contains(app);
  }

  @Test
  void appsAreListedNewestFirstPagedAndOptionallyByState() {
    TenantId tenant = newTenant();
    List<PrivateApp> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      PrivateApp app = newApp(tenant);
      if (i % 2 == 1) {
        app = app.disable(NOW);
        apps.update(app);
      }
      created.add(app);
    }
    newApp(newTenant());
    PrivateApp deleted = newApp(tenant);
    apps.delete(tenant, deleted.id(), NOW);

    Page<PrivateApp> first = apps.list(tenant, new PageRequest(3, Optional.empty()), Optional.empty());
    Page<PrivateApp> second = apps.list(tenant, new PageRequest(3, first.nextCursor()), Optional.empty());
    Page<PrivateApp> third = apps.list(tenant, new PageRequest(3, second.nextCursor()), Optional.empty());
    assertThat(first.items()).containsExactly(created.get(6), created.get(5), created.get(4));
    assertThat(first.nextCursor()).contains(created.get(4).id().toString());
    assertThat(second.items()).containsExactly(created.get(3), created.get(2), created.get(1));
    assertThat(third.items()).containsExactly(created.get(0));
    assertThat(third.nextCursor()).isEmpty();

    Page<PrivateApp> disabled = apps.list(tenant, new PageRequest(2, Optional.empty()),
        Optional.of(PrivateAppState.DISABLED));
    Page<PrivateApp> moreDisabled = apps.list(tenant, new PageRequest(2, disabled.nextCursor()),
        Optional.of(PrivateAppState.DISABLED));
    assertThat(disabled.items()).containsExactly(created.get(5), created.get(3));
    assertThat(moreDisabled.items()).containsExactly(created.get(1));
    assertThat(moreDisabled.nextCursor()).isEmpty();
    assertThat(apps.list(tenant, new PageRequest(10, Optional.empty()), Optional.of(PrivateAppState.ENABLED))
        .items()).containsExactly(created.get(6), created.get(4), created.get(2), created.get(0));
  }

  @Test
  void theDatabaseRefusesMalformedGrantsAndOverLongDescriptions() {
    PrivateApp app = newApp(newTenant());

    assertThatThrownBy(() -> Sql.execute(database.dataSource(),
        "update private_app set grants = '{tickets:read,tickets:read}' where id = '" + app.id() + "'"))
        .hasStackTraceContaining("private_app_grants_check");
    assertThatThrownBy(() -> Sql.execute(database.dataSource(),
        "update private_app set description = repeat('x', 1001) where id = '" + app.id() + "'"))
        .hasStackTraceContaining("private_app_description_check");
  }

  private TenantId newTenant() {
    TenantId id = new TenantId(ids.newId());
    tenants.insert(Tenant.create(id, new DisplayName("Tenant"), NOW));
    return id;
  }

  private PrivateApp newApp(TenantId tenant) {
    PrivateApp app = PrivateApp.create(tenant, new PrivateAppId(ids.newId()), new DisplayName("App"),
        Description.EMPTY, PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)), new Actor.Operator(), NOW);
    apps.insert(app);
    return app;
  }
}
