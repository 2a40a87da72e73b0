package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import dev.latchkey.application.fakes.FixedClock;
import dev.latchkey.application.fakes.SequentialIdGenerator;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Team members in PostgreSQL: what the partial unique indexes, optimistic updates, soft deletion and
 * the live-role triggers of V3 do.
 */
class JooqUserRepositoryTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.migrated();

  private static final Instant NOW = FixedClock.DEFAULT;
  private static final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final Database db = new Database(database.dataSource());
  private final JooqUserRepository users = new JooqUserRepository(db);
  private final JooqRoleRepository roles = new JooqRoleRepository(db);
  private final JooqTenantRepository tenants = new JooqTenantRepository(db);

  @Test
  void everyFieldSurvivesTheRoundTripInItsTenantOnly() {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    User user = new User(tenant, new UserId(ids.newId()), new EmailAddress("Uni.Code+tag@Example.COM"),
        new DisplayName("Zoë ✓"), role, false, UserState.DEACTIVATED, NOW, NOW.plusSeconds(4), 5);
    users.insert(user);

    assertThat(users.findById(tenant, user.id())).contains(user);
    assertThat(users.findById(newTenant(), user.id())).isEmpty();
    assertThat(Sql.strings(database.dataSource(),
        "select email_normalized from app_user where id = '" + user.id() + "'"))
        .containsExactly("uni.code+tag@example.com");
  }

  @Test
  void emailsAreUniqueAmongLiveUsersCaseInsensitivelyAndPerTenant() {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    User ann = newUser(tenant, role, "ann@example.com");

    assertThatThrownBy(() -> newUser(tenant, role, "ANN@Example.com"))
        .isInstanceOf(AlreadyExistsException.class);
    TenantId other = newTenant();
    newUser(other, newRole(other), "ann@example.com");

    User bob = newUser(tenant, role, "bob@example.com");
    User bobAsAnn = new User(tenant, bob.id(), new EmailAddress("Ann@example.com"), bob.displayName(), role, false,
        bob.state(), bob.createTime(), NOW.plusSeconds(1), bob.version() + 1);
    assertThatThrownBy(() -> users.update(bobAsAnn)).isInstanceOf(AlreadyExistsException.class);
    assertThat(users.findById(tenant, ann.id())).contains(ann);
    assertThat(users.findById(tenant, bob.id())).contains(bob);
  }

  @Test
  void aDeletedUsersEmailMayBeUsedAgainAndTheDeletedRowStays() {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    User first = newUser(tenant, role, "ann@example.com");

    assertThat(users.delete(tenant, first.id(), NOW.plusSeconds(5))).isTrue();
    User second = newUser(tenant, role, "Ann@Example.com");
    assertThat(users.delete(tenant, second.id(), NOW.plusSeconds(6))).isTrue();
    User third = newUser(tenant, role, "ann@example.com");

    assertThat(users.findById(tenant, first.id())).isEmpty();
    assertThat(users.findById(tenant, third.id())).contains(third);
    assertThatThrownBy(() -> newUser(tenant, role, "ANN@example.com")).isInstanceOf(AlreadyExistsException.class);
    assertThat(Sql.count(database.dataSource(), "select count(*) from app_user where tenant_id = '" + tenant
        + "' and email_normalized = 'ann@example.com' and delete_time is not null")).isEqualTo(2);
  }

  @Test
  void aDeletedUserIsGoneForReadsUpdatesDeletesAndListings() {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    User user = newUser(tenant, role, "gone@example.com");

    assertThat(users.delete(newTenant(), user.id(), NOW)).isFalse();
    assertThat(users.delete(tenant, user.id(), NOW.plusSeconds(9))).isTrue();

    assertThat(users.delete(tenant, user.id(), NOW.plusSeconds(10))).isFalse();
    assertThat(users.findById(tenant, user.id())).isEmpty();
    assertThat(users.update(user.withDisplayName(new DisplayName("Back"), NOW.plusSeconds(11)))).isFalse();
    assertThat(users.list(tenant, new PageRequest(10, Optional.empty()), Optional.empty(), Optional.empty()).items())
        .isEmpty();
    assertThat(Sql.count(database.dataSource(), "select count(*) from app_user where id = '" + user.id()
        + "' and delete_time = '" + NOW.plusSeconds(9) + "'")).isOne();
  }

  @Test
  void aTenantHasOneAccountHolderAmongItsLiveUsers() {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    User holder = User.accountHolder(tenant, new UserId(ids.newId()), new EmailAddress("owner@example.com"),
        new DisplayName("Owner"), role, NOW);
    users.insert(holder);
    User member = newUser(tenant, role, "member@example.com");

    User second = User.accountHolder(tenant, new UserId(ids.newId()), new EmailAddress("second@example.com"),
        new DisplayName("Second"), role, NOW);
    assertThatThrownBy(() -> users.insert(second)).isInstanceOf(FailedPreconditionException.class);
    // Promoting before clearing the former holder is refused; clearing first (as a transfer does) works.
    assertThatThrownBy(() -> users.update(member.withAccountHolder(true, NOW)))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(db.inTransaction(() -> users.update(holder.withAccountHolder(false, NOW))
        && users.update(member.withAccountHolder(true, NOW)))).isTrue();
    assertThat(users.findById(tenant, member.id())).map(User::accountHolder).contains(true);

    // A deleted row that still says account holder does not count.
    Sql.execute(database.dataSource(), "update app_user set account_holder = true, delete_time = now() where id = '"
        + holder.id() + "'");
    TenantId other = newTenant();
    users.insert(User.accountHolder(other, new UserId(ids.newId()), new EmailAddress("owner@example.com"),
        new DisplayName("Owner"), newRole(other), NOW));
  }

  @Test
  void theDatabaseRefusesACommitThatLeavesATenantWithoutALiveAccountHolder() {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    User holder = newHolder(tenant, role);
    User member = newUser(tenant, role, "member@example.com");

    assertThatThrownBy(() -> users.update(holder.withAccountHolder(false, NOW)))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> users.delete(tenant, holder.id(), NOW)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> db.inTransaction(() -> users.delete(tenant, holder.id(), NOW)))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> Sql.execute(database.dataSource(), "delete from app_user where id = '" + holder.id() + "'"))
        .hasRootCauseMessage("ERROR: tenant " + tenant + " would be left without a live account holder\n"
            + "  Where: PL/pgSQL function app_user_tenant_keeps_an_account_holder() line 5 at RAISE");
    // Two live holders are refused at once (app_user_account_holder_key), even inside a transaction.
    assertThatThrownBy(() -> db.inTransaction(() -> users.update(member.withAccountHolder(true, NOW))))
        .isInstanceOf(FailedPreconditionException.class);
    assertThat(liveHolders(tenant)).containsExactly(holder.id());

    // Clearing and promoting in one transaction leaves exactly one at commit.
    db.inTransaction(() -> users.update(holder.withAccountHolder(false, NOW))
        && users.update(member.withAccountHolder(true, NOW)));
    assertThat(liveHolders(tenant)).containsExactly(member.id());
  }

  @Test
  void deletingAUserWhileTheTitleIsTransferredToThemIsRefusedAtCommit() throws Exception {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    User holder = newHolder(tenant, role);
    User next = newUser(tenant, role, "next@example.com");
    CountDownLatch transferred = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> transferring = CompletableFuture.runAsync(() -> db.inTransaction(() -> {
      transfer(holder, next);
      transferred.countDown();
      await(release);
      return null;
    }));
    assertThat(transferred.await(1, TimeUnit.MINUTES)).isTrue();

    // The deletion saw a user who does not hold the title (the transfer is not committed) and waits for its row.
    CompletableFuture<Boolean> deleting = CompletableFuture.supplyAsync(() -> db.inTransaction(() -> {
      assertThat(users.findById(tenant, next.id())).map(User::accountHolder).contains(false);
      return users.delete(tenant, next.id(), NOW);
    }));
    Sql.await("the deletion waits for the transfer", () -> Sql.count(database.dataSource(),
        "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' "
            + "and query like 'update%app_user%'") > 0);
    release.countDown();
    transferring.get(1, TimeUnit.MINUTES);

    assertThatThrownBy(() -> deleting.get(1, TimeUnit.MINUTES))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ConflictException.class);
    assertThat(liveHolders(tenant)).containsExactly(next.id());
  }

  @Test
  void racingDeletionsAndTransfersNeverLeaveATenantWithoutAnAccountHolder() throws Exception {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    User holder = newHolder(tenant, role);
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    for (int round = 0; round < 30; round++) {
      User current = holder;
      User target = newUser(tenant, role, "user" + round + "@example.com");
      CyclicBarrier start = new CyclicBarrier(2);
      CompletableFuture<Boolean> transferring = CompletableFuture.supplyAsync(() -> quietly(() -> {
        await(start);
        return db.inTransaction(() -> transfer(current, target));
      }), threads);
      CompletableFuture<Boolean> deleting = CompletableFuture.supplyAsync(() -> quietly(() -> {
        await(start);
        // What ManageUsersService.deleteUser does: refuse to delete the holder, else delete.
        return db.inTransaction(() -> users.findById(tenant, target.id()).filter(u -> !u.accountHolder()).isPresent()
            && users.delete(tenant, target.id(), NOW));
      }), threads);
      boolean transferDone = transferring.get(1, TimeUnit.MINUTES);
      deleting.get(1, TimeUnit.MINUTES);

      assertThat(liveHolders(tenant)).hasSize(1);
      if (transferDone) {
        holder = users.findById(tenant, target.id()).orElseThrow();
      }
    }
    threads.close();
  }

  /** A transfer as ManageUsersService does it: clear the former holder, then promote; false if either is stale. */
  private boolean transfer(User from, User to) {
    return users.update(from.withAccountHolder(false, NOW)) && users.update(to.withAccountHolder(true, NOW))
        || rollback();
  }

  private static boolean rollback() {
    throw new ConflictException("stale");
  }

  /** Runs {@code work}; false when it was refused as a lost race (ABORTED) or found its rows gone. */
  private static boolean quietly(java.util.function.BooleanSupplier work) {
    try {
      return work.getAsBoolean();
    } catch (ConflictException | FailedPreconditionException e) {
      return false;
    }
  }

  private List<UserId> liveHolders(TenantId tenant) {
    return Sql.strings(database.dataSource(), "select id::text from app_user where tenant_id = '" + tenant
        + "' and account_holder and delete_time is null").stream().map(id -> new UserId(java.util.UUID.fromString(id)))
        .toList();
  }

  private User newHolder(TenantId tenant, RoleId role) {
    User holder = User.accountHolder(tenant, new UserId(ids.newId()), new EmailAddress("owner@example.com"),
        new DisplayName("Owner"), role, NOW);
    users.insert(holder);
    return holder;
  }

  @Test
  void anUpdateBasedOnTheCurrentVersionIsStoredAndAStaleOneIsRefused() {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    RoleId otherRole = newRole(tenant);
    User user = newUser(tenant, role, "ann@example.com");
    User moved = user.withRole(otherRole, NOW.plusSeconds(1));
    User concurrentlyDeactivated = user.withState(UserState.DEACTIVATED, NOW.plusSeconds(2));

    assertThat(users.update(moved)).isTrue();
    assertThat(users.update(concurrentlyDeactivated)).isFalse();
    assertThat(users.update(moved)).isFalse();
    User renamed = moved.withDisplayName(new DisplayName("Ann B."), NOW.plusSeconds(3));
    assertThat(users.update(renamed)).isTrue();

    assertThat(users.findById(tenant, user.id())).contains(renamed);
    assertThat(renamed.version()).isEqualTo(3);
  }

  @Test
  void anUpdateOfAnotherTenantsUserChangesNothing() {
    TenantId tenant = newTenant();
    User user = newUser(tenant, newRole(tenant), "ann@example.com");
    TenantId other = newTenant();
    User forged = new User(other, user.id(), user.email(), new DisplayName("Forged"), newRole(other), false,
        UserState.ACTIVE, NOW, NOW, user.version() + 1);

    assertThat(users.update(forged)).isFalse();
    assertThat(users.findById(tenant, user.id())).contains(user);
  }

  @Test
  void usersAreListedOldestFirstPagedAndOptionallyByRoleAndState() {
    TenantId tenant = newTenant();
    RoleId admin = newRole(tenant);
    RoleId member = newRole(tenant);
    List<User> created = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      User user = newUser(tenant, i % 2 == 0 ? admin : member, "u" + i + "@example.com");
      if (i % 3 == 0) {
        user = user.withState(UserState.DEACTIVATED, NOW);
        assertThat(users.update(user)).isTrue();
      }
      created.add(user);
    }
    TenantId other = newTenant();
    newUser(other, newRole(other), "u9@example.com");
    User deleted = newUser(tenant, admin, "deleted@example.com");
    users.delete(tenant, deleted.id(), NOW);

    Page<User> first = list(tenant, 3, Optional.empty(), Optional.empty(), Optional.empty());
    Page<User> second = list(tenant, 3, first.nextCursor(), Optional.empty(), Optional.empty());
    Page<User> third = list(tenant, 3, second.nextCursor(), Optional.empty(), Optional.empty());
    assertThat(first.items()).containsExactlyElementsOf(created.subList(0, 3));
    assertThat(first.nextCursor()).contains(created.get(2).id().toString());
    assertThat(second.items()).containsExactlyElementsOf(created.subList(3, 6));
    assertThat(third.items()).containsExactlyElementsOf(created.subList(6, 8));
    assertThat(third.nextCursor()).isEmpty();

    // admins: 0 2 4 6; deactivated: 0 3 6
    Page<User> admins = list(tenant, 3, Optional.empty(), Optional.of(admin), Optional.empty());
    assertThat(admins.items()).containsExactly(created.get(0), created.get(2), created.get(4));
    assertThat(list(tenant, 3, admins.nextCursor(), Optional.of(admin), Optional.empty()).items())
        .containsExactly(created.get(6));
    Page<User> deactivated = list(tenant, 2, Optional.empty(), Optional.empty(), Optional.of(UserState.DEACTIVATED));
    assertThat(deactivated.items()).containsExactly(created.get(0), created.get(3));
    Page<User> lastDeactivated =
        list(tenant, 2, deactivated.nextCursor(), Optional.empty(), Optional.of(UserState.DEACTIVATED));
    assertThat(lastDeactivated.items()).containsExactly(created.get(6));
    assertThat(lastDeactivated.nextCursor()).isEmpty();
    assertThat(list(tenant, 10, Optional.empty(), Optional.of(member), Optional.of(UserState.ACTIVE)).items())
        .containsExactly(created.get(1), created.get(5), created.get(7));
    assertThat(list(tenant, 10, Optional.empty(), Optional.of(newRole(tenant)), Optional.empty()).items()).isEmpty();
    assertThat(list(other, 10, Optional.empty(), Optional.of(admin), Optional.empty()).items()).isEmpty();
  }

  @Test
  void countingARolesUsersIgnoresDeletedUsersAndOtherTenants() {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    RoleId otherRole = newRole(tenant);
    newUser(tenant, role, "a@example.com");
    User deactivated = newUser(tenant, role, "b@example.com");
    users.update(deactivated.withState(UserState.DEACTIVATED, NOW));
    User deleted = newUser(tenant, role, "c@example.com");
    users.delete(tenant, deleted.id(), NOW);
    newUser(tenant, otherRole, "d@example.com");

    assertThat(users.countWithRole(tenant, role)).isEqualTo(2);
    assertThat(users.countWithRole(tenant, otherRole)).isEqualTo(1);
    assertThat(users.countWithRole(newTenant(), role)).isZero();
    assertThat(users.countWithRole(tenant, new RoleId(ids.newId()))).isZero();
  }

  @Test
  void theDatabaseKeepsLiveUsersOnLiveRoles() {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    RoleId spare = newRole(tenant);
    User user = newUser(tenant, role, "a@example.com");
    User deleted = newUser(tenant, spare, "gone@example.com");
    users.delete(tenant, deleted.id(), NOW);

    assertThatThrownBy(() -> roles.delete(tenant, role, NOW)).isInstanceOf(FailedPreconditionException.class);
    assertThat(roles.findById(tenant, role)).isPresent();
    // Deleted users do not hold a role back.
    assertThat(roles.delete(tenant, spare, NOW)).isTrue();
    assertThatThrownBy(() -> newUser(tenant, spare, "b@example.com")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> users.update(user.withRole(spare, NOW))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> newUser(tenant, new RoleId(ids.newId()), "c@example.com"))
        .isInstanceOf(NotFoundException.class);
    assertThat(users.findById(tenant, user.id())).contains(user);

    users.delete(tenant, user.id(), NOW);
    assertThat(roles.delete(tenant, role, NOW)).isTrue();
  }

  @Test
  void aRoleGivenToAUserConcurrentlyCannotBeDeleted() throws Exception {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> creating = CompletableFuture.runAsync(() -> db.inTransaction(() -> {
      newUser(tenant, role, "new@example.com");
      inserted.countDown();
      await(release);
      return null;
    }));
    assertThat(inserted.await(1, TimeUnit.MINUTES)).isTrue();

    // The application counted no users (the insert is not committed yet) and deletes the role: it waits.
    assertThat(users.countWithRole(tenant, role)).isZero();
    CompletableFuture<Boolean> deleting = CompletableFuture.supplyAsync(() -> roles.delete(tenant, role, NOW));
    Sql.await("the role's deletion waits for the user's transaction", () -> Sql.count(database.dataSource(),
        "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' "
            + "and query like 'update%role%'") > 0);
    release.countDown();
    creating.get(1, TimeUnit.MINUTES);

    assertThatThrownBy(() -> deleting.get(1, TimeUnit.MINUTES))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(FailedPreconditionException.class);
    assertThat(roles.findById(tenant, role)).isPresent();
    assertThat(users.countWithRole(tenant, role)).isOne();
  }

  @Test
  void aUserCannotBeGivenARoleDeletedConcurrently() throws Exception {
    TenantId tenant = newTenant();
    RoleId role = newRole(tenant);
    CountDownLatch deleted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Boolean> deleting = CompletableFuture.supplyAsync(() -> db.inTransaction(() -> {
      boolean done = roles.delete(tenant, role, NOW);
      deleted.countDown();
      await(release);
      return done;
    }));
    assertThat(deleted.await(1, TimeUnit.MINUTES)).isTrue();

    // The application found the role (the deletion is not committed yet) and inserts the user: it waits.
    assertThat(roles.findById(tenant, role)).isPresent();
    CompletableFuture<User> creating = CompletableFuture.supplyAsync(() -> newUser(tenant, role, "new@example.com"));
    Sql.await("the user's insert waits for the role's deletion", () -> Sql.count(database.dataSource(),
        "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' "
            + "and query like 'insert%app_user%'") > 0);
    release.countDown();
    assertThat(deleting.get(1, TimeUnit.MINUTES)).isTrue();

    assertThatThrownBy(() -> creating.get(1, TimeUnit.MINUTES))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(NotFoundException.class);
    assertThat(users.countWithRole(tenant, role)).isZero();
  }

  private Page<User> list(
      TenantId tenant, int size, Optional<String> cursor, Optional<RoleId> role, Optional<UserState> state) {
    return users.list(tenant, new PageRequest(size, cursor), role, state);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new AssertionError("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private TenantId newTenant() {
    TenantId id = new TenantId(ids.newId());
    tenants.insert(Tenant.create(id, new DisplayName("Tenant"), NOW));
    return id;
  }

  private RoleId newRole(TenantId tenant) {
    Role role = new Role(tenant, new RoleId(ids.newId()), new DisplayName("Member"),
        PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)), false, NOW, NOW, 1);
    roles.insert(role);
    return role.id();
  }

  private User newUser(TenantId tenant, RoleId role, String email) {
    User user = User.member(tenant, new UserId(ids.newId()), new EmailAddress(email), new DisplayName("Someone"),
        role, NOW);
    users.insert(user);
    return user;
  }
}
