package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Roles in PostgreSQL: round trip, optimistic updates, soft deletion, listing oldest first. */
class JooqRoleRepositoryTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final Instant NOW = FixedClock.DEFAULT;
  private static final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final JooqRoleRepository roles = new JooqRoleRepository(db);
  private final JooqTenantRepository tenants = new JooqTenantRepository(db);

  @Test
  void everyFieldSurvivesTheRoundTripInItsTenantOnly() {
    TenantId tenant = newTenant();
    Role role = new Role(tenant, new RoleId(ids.newId()), new DisplayName("Site manager ✓"),
        PermissionSet.of(Grant.of(DataModel.USERS, Action.READ, Action.UPDATE, Action.DELETE),
            Grant.of(DataModel.ROLES, Action.READ)),
        true, NOW, NOW.plusSeconds(3), 7);
    roles.insert(role);

    assertThat(roles.findById(tenant, role.id())).contains(role);
    assertThat(roles.findById(newTenant(), role.id())).isEmpty();
  }

  @Test
  void aNameWrittenBeforeFormatCharactersWereRefusedIsStillReadable() throws Exception {
    Role role = newRole(newTenant());
    try (var connection = database.dataSource().getConnection();
        var statement = connection.prepareStatement("update role set display_name = ? where id = ?")) {
      statement.setString(1, "Site\u200B manager\u202E");
      statement.setObject(2, role.id().value());
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }

    assertThat(roles.findById(role.tenantId(), role.id()).orElseThrow().displayName())
        .isEqualTo(new DisplayName("Site manager"));
  }

  @Test
  void anUpdateBasedOnTheCurrentVersionIsStoredAndAStaleOneIsRefused() {
    Role role = newRole(newTenant());
    Role renamed = role.withDisplayName(new DisplayName("Renamed"), NOW.plusSeconds(1));
    Role concurrentlyOpened = role.withApiAccess(true, NOW.plusSeconds(2));

    assertThat(roles.update(renamed)).isTrue();
    assertThat(roles.update(concurrentlyOpened)).isFalse();
    assertThat(roles.update(renamed)).isFalse();

    // Several fields changed in one update: one version step.
    Role atOnce = new Role(renamed.tenantId(), renamed.id(), renamed.displayName(), PermissionSet.all(), true,
        renamed.createTime(), NOW.plusSeconds(3), renamed.version() + 1);
    assertThat(roles.update(atOnce)).isTrue();
    assertThat(roles.findById(role.tenantId(), role.id())).contains(atOnce);
    assertThat(atOnce.version()).isEqualTo(3);
  }

  @Test
  void anUpdateOfAnotherTenantsRoleChangesNothing() {
    Role role = newRole(newTenant());
    Role forged = new Role(newTenant(), role.id(), new DisplayName("Forged"), PermissionSet.all(), true, NOW, NOW, 2);

    assertThat(roles.update(forged)).isFalse();
    assertThat(roles.findById(role.tenantId(), role.id())).contains(role);
  }

  @Test
  void aDeletedRoleIsGoneForReadsUpdatesAndListingsButItsRowStays() {
    TenantId tenant = newTenant();
    Role role = newRole(tenant);

    assertThat(roles.delete(newTenant(), role.id(), NOW)).isFalse();
    assertThat(roles.delete(tenant, role.id(), NOW.plusSeconds(9))).isTrue();

    assertThat(roles.delete(tenant, role.id(), NOW.plusSeconds(10))).isFalse();
    assertThat(roles.findById(tenant, role.id())).isEmpty();
    assertThat(roles.update(role.withDisplayName(new DisplayName("Back"), NOW.plusSeconds(11)))).isFalse();
    assertThat(roles.list(tenant, new PageRequest(10, Optional.empty())).items()).isEmpty();
    assertThat(Sql.count(database.dataSource(), "select count(*) from role where id = '" + role.id()
        + "' and delete_time = '" + NOW.plusSeconds(9) + "'")).isOne();
  }

  @Test
  void rolesAreListedOldestFirstPagedByTheLastIdInTheirTenantOnly() {
    TenantId tenant = newTenant();
    List<Role> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newRole(tenant));
      newRole(newTenant());
    }
    Role deleted = newRole(tenant);
    roles.delete(tenant, deleted.id(), NOW);
    created.add(newRole(tenant));

    Page<Role> first = roles.list(tenant, new PageRequest(2, Optional.empty()));
    Page<Role> second = roles.list(tenant, new PageRequest(2, first.nextCursor()));
    Page<Role> third = roles.list(tenant, new PageRequest(2, second.nextCursor()));

    assertThat(first.items()).containsExactly(created.get(0), created.get(1));
    assertThat(first.nextCursor()).contains(created.get(1).id().toString());
    assertThat(second.items()).containsExactly(created.get(2), created.get(3));
    assertThat(third.items()).containsExactly(created.get(4), created.get(5));
    assertThat(third.nextCursor()).isEmpty();
    assertThat(roles.list(tenant, new PageRequest(6, Optional.empty())).items()).isEqualTo(created);
  }

  private TenantId newTenant() {
    TenantId id = new TenantId(ids.newId());
    tenants.insert(Tenant.create(id, new DisplayName("Tenant"), NOW));
    return id;
  }

  private Role newRole(TenantId tenant) {
    Role role = new Role(tenant, new RoleId(ids.newId()), new DisplayName("Member"),
        PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)), false, NOW, NOW, 1);
    roles.insert(role);
    return role;
  }
}
