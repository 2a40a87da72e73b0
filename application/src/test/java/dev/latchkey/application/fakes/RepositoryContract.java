package dev.latchkey.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.AuditLog;
import dev.latchkey.application.port.out.PrivateAppRepository;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.audit.AuditEventId;
import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.Tenant;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the repositories promises, the fakes and the real adapters alike.
 * Extend it and return repositories over empty storage from {@link #freshRepositories()}.
 */
public abstract class RepositoryContract {
  /** The repositories under test, over the same storage. */
  public record Repositories(
      TenantRepository tenants,
      RoleRepository roles,
      UserRepository users,
      ApiTokenRepository tokens,
      PrivateAppRepository privateApps,
      AuditLog audit) {}

  private static final Instant NOW = FixedClock.DEFAULT;
  private static final PermissionSet SUPPORT = PermissionSet.of(
      Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE), Grant.of(DataModel.COMPANIES, Action.READ));

  private final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final FakeSecretGenerator secrets = new FakeSecretGenerator("contract");
  private final FakeTokenHasher hasher = new FakeTokenHasher();
  private Repositories repositories;
  private int appsCreated;

  /** Repositories over storage that holds nothing yet; called before each test. */
  protected abstract Repositories freshRepositories();

  @BeforeEach
  void startEmpty() {
    repositories = freshRepositories();
  }

  @Test
  void anInsertedTenantIsFoundById() {
    Tenant tenant = newTenant();

    assertThat(repositories.tenants().findById(tenant.id())).contains(tenant);
  }

  @Test
  void anUnknownTenantIsNotFound() {
    newTenant();

    assertThat(repositories.tenants().findById(new TenantId(ids.newId()))).isEmpty();
  }

  @Test
  void anEmptyListingHasOneEmptyPage() {
    Page<Tenant> page = repositories.tenants().list(new PageRequest(3, Optional.empty()));

    assertThat(page.items()).isEmpty();
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void tenantsAreListedNewestFirstAndPagedByTheLastId() {
    List<Tenant> created = newTenants(7);

    Page<Tenant> first = repositories.tenants().list(new PageRequest(3, Optional.empty()));
    Page<Tenant> second = repositories.tenants().list(new PageRequest(3, first.nextCursor()));
    Page<Tenant> third = repositories.tenants().list(new PageRequest(3, second.nextCursor()));

    assertThat(first.items()).containsExactly(created.get(6), created.get(5), created.get(4));
    assertThat(first.nextCursor()).contains(created.get(4).id().toString());
    assertThat(second.items()).containsExactly(created.get(3), created.get(2), created.get(1));
    assertThat(second.nextCursor()).contains(created.get(1).id().toString());
    assertThat(third.items()).containsExactly(created.get(0));
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  void aFullLastPageHasNoNextCursor() {
    List<Tenant> created = newTenants(6);

    Page<Tenant> second = repositories.tenants().list(
        new PageRequest(3, Optional.of(created.get(3).id().toString())));

    assertThat(second.items()).containsExactly(created.get(2), created.get(1), created.get(0));
    assertThat(second.nextCursor()).isEmpty();
  }

  @Test
  void tenantsCreatedWhilePagingDoNotShiftTheNextPage() {
    List<Tenant> created = newTenants(4);
    Page<Tenant> first = repositories.tenants().list(new PageRequest(2, Optional.empty()));

    newTenants(3);
    Page<Tenant> second = repositories.tenants().list(new PageRequest(2, first.nextCursor()));

    assertThat(second.items()).containsExactly(created.get(1), created.get(0));
  }

  @Test
  void anInsertedRoleIsFoundInItsTenantOnly() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    Role role = newRole(tenant.id());

    assertThat(repositories.roles().findById(tenant.id(), role.id())).contains(role);
    assertThat(repositories.roles().findById(other.id(), role.id())).isEmpty();
    assertThat(repositories.roles().findById(tenant.id(), new RoleId(ids.newId()))).isEmpty();
  }

  @Test
  void anInsertedUserIsFoundInItsTenantOnly() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    User user = newUser(tenant.id(), newRole(tenant.id()).id(), "ada@example.com");

    assertThat(repositories.users().findById(tenant.id(), user.id())).contains(user);
    assertThat(repositories.users().findById(other.id(), user.id())).isEmpty();
    assertThat(repositories.users().findById(tenant.id(), new UserId(ids.newId()))).isEmpty();
  }

  @Test
  void aSecondUserWithTheSameEmailInAnyCaseIsRefused() {
    Tenant tenant = newTenant();
    RoleId role = newRole(tenant.id()).id();
    User first = newUser(tenant.id(), role, "ada@example.com");

    assertThatThrownBy(() -> newUser(tenant.id(), role, "Ada@Example.COM"))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(repositories.users().findById(tenant.id(), first.id())).contains(first);
  }

  @Test
  void theSameEmailMayBeUsedInAnotherTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    newUser(tenant.id(), newRole(tenant.id()).id(), "ada@example.com");

    User second = newUser(other.id(), newRole(other.id()).id(), "ada@example.com");

    assertThat(repositories.users().findById(other.id(), second.id())).contains(second);
  }

  @Test
  void anInsertedTokenIsFoundByItsDigestOnly() {
    Tenant tenant = newTenant();
    User owner = newUser(tenant.id(), newRole(tenant.id()).id(), "ada@example.com");
    TokenSecret secret = secrets.newToken(TokenKind.PERSONAL);
    ApiToken token = newToken(tenant.id(), owner, secret);

    assertThat(repositories.tokens().findByDigest(hasher.digest(secret))).contains(token);
    assertThat(repositories.tokens().findByDigest(hasher.digest(secrets.newToken(TokenKind.PERSONAL)))).isEmpty();
    assertThat(repositories.tokens().findByDigest(new TokenDigest("other-key", hasher.digest(secret).bytes())))
        .isEmpty();
  }

  @Test
  void anInsertedPrivateAppIsFoundInItsTenantOnly() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    PrivateApp app = newApp(tenant.id());

    assertThat(repositories.privateApps().findById(tenant.id(), app.id())).contains(app);
    assertThat(repositories.privateApps().findById(other.id(), app.id())).isEmpty();
    assertThat(repositories.privateApps().findById(tenant.id(), new PrivateAppId(ids.newId()))).isEmpty();
  }

  @Test
  void aPrivateAppKeepsEveryField() {
    Tenant tenant = newTenant();
    User creator = newUser(tenant.id(), newRole(tenant.id()).id(), "ada@example.com");
    PrivateApp app = new PrivateApp(tenant.id(), new PrivateAppId(ids.newId()), new DisplayName("Zapier sync"),
        new Description("Pushes tickets\nto the warehouse."), PrivateAppState.DISABLED, SUPPORT, NOW,
        NOW.plusSeconds(5), creator.ref(), 7);
    repositories.privateApps().insert(app);

    assertThat(repositories.privateApps().findById(tenant.id(), app.id())).contains(app);
  }

  @Test
  void anUpdateFromTheStoredVersionIsStored() {
    Tenant tenant = newTenant();
    PrivateApp app = newApp(tenant.id());
    PrivateApp renamed = app.withDisplayName(new DisplayName("Renamed"), NOW.plusSeconds(1));

    assertThat(repositories.privateApps().update(renamed)).isTrue();

    assertThat(repositories.privateApps().findById(tenant.id(), app.id())).contains(renamed);
  }

  @Test
  void anUpdateFromAStaleVersionIsRefusedAndChangesNothing() {
    Tenant tenant = newTenant();
    PrivateApp app = newApp(tenant.id());
    PrivateApp first = app.withDisplayName(new DisplayName("First"), NOW.plusSeconds(1));
    PrivateApp second = app.withDisplayName(new DisplayName("Second"), NOW.plusSeconds(2));
    repositories.privateApps().update(first);

    assertThat(repositories.privateApps().update(second)).isFalse();
    assertThat(repositories.privateApps().findById(tenant.id(), app.id())).contains(first);
  }

  @Test
  void anUpdateThatSkipsAVersionIsRefused() {
    Tenant tenant = newTenant();
    PrivateApp app = newApp(tenant.id());
    PrivateApp twoAhead = app.disable(NOW.plusSeconds(1)).enable(NOW.plusSeconds(2));

    assertThat(repositories.privateApps().update(twoAhead)).isFalse();
    assertThat(repositories.privateApps().findById(tenant.id(), app.id())).contains(app);
  }

  @Test
  void anUpdateOfADeletedAppIsRefused() {
    Tenant tenant = newTenant();
    PrivateApp app = newApp(tenant.id());
    repositories.privateApps().delete(tenant.id(), app.id(), NOW.plusSeconds(1));

    assertThat(repositories.privateApps().update(app.disable(NOW.plusSeconds(2)))).isFalse();
    assertThat(repositories.privateApps().findById(tenant.id(), app.id())).isEmpty();
  }

  @Test
  void anUpdateClaimingAnotherTenantIsRefused() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    PrivateApp app = newApp(tenant.id());
    PrivateApp disabled = app.disable(NOW.plusSeconds(1));
    PrivateApp moved = new PrivateApp(other.id(), app.id(), disabled.displayName(), disabled.description(),
        disabled.state(), disabled.grants(), disabled.createTime(), disabled.updateTime(), disabled.creator(),
        disabled.version());

    assertThat(repositories.privateApps().update(moved)).isFalse();
    assertThat(repositories.privateApps().findById(tenant.id(), app.id())).contains(app);
    assertThat(repositories.privateApps().findById(other.id(), app.id())).isEmpty();
  }

  @Test
  void aDeletedAppIsNeitherFoundNorListedAndASecondDeleteIsRefused() {
    Tenant tenant = newTenant();
    PrivateApp kept = newApp(tenant.id());
    PrivateApp deleted = newApp(tenant.id());

    assertThat(repositories.privateApps().delete(tenant.id(), deleted.id(), NOW.plusSeconds(1))).isTrue();

    assertThat(repositories.privateApps().findById(tenant.id(), deleted.id())).isEmpty();
    assertThat(listApps(tenant.id(), 10, Optional.empty(), Optional.empty()).items()).containsExactly(kept);
    assertThat(repositories.privateApps().delete(tenant.id(), deleted.id(), NOW.plusSeconds(2))).isFalse();
    assertThat(repositories.privateApps().findById(tenant.id(), kept.id())).contains(kept);
  }

  @Test
  void anAppCannotBeDeletedFromAnotherTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    PrivateApp app = newApp(tenant.id());

    assertThat(repositories.privateApps().delete(other.id(), app.id(), NOW.plusSeconds(1))).isFalse();
    assertThat(repositories.privateApps().delete(tenant.id(), new PrivateAppId(ids.newId()), NOW)).isFalse();
    assertThat(repositories.privateApps().findById(tenant.id(), app.id())).contains(app);
  }

  @Test
  void appsAreListedNewestFirstInPagesAndOnlyWithinTheirTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    List<PrivateApp> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newApp(tenant.id()));
      newApp(other.id());
    }

    Page<PrivateApp> first = listApps(tenant.id(), 2, Optional.empty(), Optional.empty());
    Page<PrivateApp> second = listApps(tenant.id(), 2, first.nextCursor(), Optional.empty());
    Page<PrivateApp> third = listApps(tenant.id(), 2, second.nextCursor(), Optional.empty());

    assertThat(first.items()).containsExactly(created.get(4), created.get(3));
    assertThat(second.items()).containsExactly(created.get(2), created.get(1));
    assertThat(third.items()).containsExactly(created.get(0));
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  void aFullLastPageOfAppsHasNoNextCursor() {
    Tenant tenant = newTenant();
    newApp(tenant.id());
    newApp(tenant.id());

    Page<PrivateApp> page = listApps(tenant.id(), 2, Optional.empty(), Optional.empty());

    assertThat(page.items()).hasSize(2);
    assertThat(page.nextCursor()).isEmpty();
    assertThat(listApps(newTenant().id(), 2, Optional.empty(), Optional.empty()).items()).isEmpty();
  }

  @Test
  void appsAreFilteredByStateAcrossPages() {
    Tenant tenant = newTenant();
    List<PrivateApp> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      PrivateApp app = newApp(tenant.id());
      if (i % 2 == 0) {
        app = app.disable(NOW.plusSeconds(10));
        assertThat(repositories.privateApps().update(app)).isTrue();
      }
      created.add(app);
    }

    Page<PrivateApp> firstDisabled = listApps(tenant.id(), 2, Optional.empty(), Optional.of(PrivateAppState.DISABLED));
    Page<PrivateApp> secondDisabled =
        listApps(tenant.id(), 2, firstDisabled.nextCursor(), Optional.of(PrivateAppState.DISABLED));
    Page<PrivateApp> enabled = listApps(tenant.id(), 10, Optional.empty(), Optional.of(PrivateAppState.ENABLED));

    assertThat(firstDisabled.items()).containsExactly(created.get(4), created.get(2));
    assertThat(secondDisabled.items()).containsExactly(created.get(0));
    assertThat(secondDisabled.nextCursor()).isEmpty();
    assertThat(enabled.items()).containsExactly(created.get(3), created.get(1));
    assertThat(listApps(tenant.id(), 10, Optional.empty(), Optional.empty()).items()).hasSize(5);
  }

  @Test
  void aTokenIsFoundByIdOnlyForItsOwnerInItsTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    PrivateApp app = newApp(tenant.id());
    PrivateApp sibling = newApp(tenant.id());
    ApiToken token = newToken(tenant.id(), app.ref(), NOW);

    assertThat(repositories.tokens().findById(tenant.id(), app.ref(), token.id())).contains(token);
    assertThat(repositories.tokens().findById(tenant.id(), sibling.ref(), token.id())).isEmpty();
    assertThat(repositories.tokens().findById(other.id(), app.ref(), token.id())).isEmpty();
    assertThat(repositories.tokens().findById(tenant.id(), app.ref(), new ApiTokenId(ids.newId()))).isEmpty();
  }

  @Test
  void anAppTokenIsFoundByItsDigest() {
    Tenant tenant = newTenant();
    PrivateApp app = newApp(tenant.id());
    TokenSecret secret = secrets.newToken(TokenKind.PRIVATE_APP);
    ApiToken token = newToken(tenant.id(), app.ref(), secret, NOW);

    assertThat(repositories.tokens().findByDigest(hasher.digest(secret))).contains(token);
  }

  @Test
  void anOwnersTokensAreListedNewestFirstInPagesAndCounted() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    PrivateApp app = newApp(tenant.id());
    PrivateApp sibling = newApp(tenant.id());
    List<ApiToken> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newToken(tenant.id(), app.ref(), NOW.plusSeconds(i)));
    }
    newToken(tenant.id(), sibling.ref(), NOW);

    Page<ApiToken> first = listTokens(tenant.id(), app.ref(), 2, Optional.empty());
    Page<ApiToken> second = listTokens(tenant.id(), app.ref(), 2, first.nextCursor());
    Page<ApiToken> third = listTokens(tenant.id(), app.ref(), 2, second.nextCursor());

    assertThat(first.items()).containsExactly(created.get(4), created.get(3));
    assertThat(second.items()).containsExactly(created.get(2), created.get(1));
    assertThat(third.items()).containsExactly(created.get(0));
    assertThat(third.nextCursor()).isEmpty();
    assertThat(repositories.tokens().countByOwner(tenant.id(), app.ref())).isEqualTo(5);
    assertThat(repositories.tokens().countByOwner(tenant.id(), sibling.ref())).isEqualTo(1);
    assertThat(repositories.tokens().countByOwner(other.id(), app.ref())).isZero();
    assertThat(listTokens(other.id(), app.ref(), 10, Optional.empty()).items()).isEmpty();
  }

  @Test
  void deletingATokenLeavesItsSiblingsAlone() {
    Tenant tenant = newTenant();
    PrivateApp app = newApp(tenant.id());
    TokenSecret doomedSecret = secrets.newToken(TokenKind.PRIVATE_APP);
    TokenSecret keptSecret = secrets.newToken(TokenKind.PRIVATE_APP);
    ApiToken doomed = newToken(tenant.id(), app.ref(), doomedSecret, NOW);
    ApiToken kept = newToken(tenant.id(), app.ref(), keptSecret, NOW.plusSeconds(1));

    assertThat(repositories.tokens().delete(tenant.id(), app.ref(), doomed.id(), NOW.plusSeconds(2))).isTrue();

    assertThat(repositories.tokens().findById(tenant.id(), app.ref(), doomed.id())).isEmpty();
    assertThat(repositories.tokens().findByDigest(hasher.digest(doomedSecret))).isEmpty();
    assertThat(repositories.tokens().findById(tenant.id(), app.ref(), kept.id())).contains(kept);
    assertThat(repositories.tokens().findByDigest(hasher.digest(keptSecret))).contains(kept);
    assertThat(listTokens(tenant.id(), app.ref(), 10, Optional.empty()).items()).containsExactly(kept);
    assertThat(repositories.tokens().countByOwner(tenant.id(), app.ref())).isEqualTo(1);
  }

  @Test
  void aTokenIsDeletedOnceAndOnlyByNamingItsOwnerAndTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    PrivateApp app = newApp(tenant.id());
    PrivateApp sibling = newApp(tenant.id());
    ApiToken token = newToken(tenant.id(), app.ref(), NOW);

    assertThat(repositories.tokens().delete(tenant.id(), sibling.ref(), token.id(), NOW)).isFalse();
    assertThat(repositories.tokens().delete(other.id(), app.ref(), token.id(), NOW)).isFalse();
    assertThat(repositories.tokens().findById(tenant.id(), app.ref(), token.id())).contains(token);

    assertThat(repositories.tokens().delete(tenant.id(), app.ref(), token.id(), NOW)).isTrue();
    assertThat(repositories.tokens().delete(tenant.id(), app.ref(), token.id(), NOW)).isFalse();
  }

  @Test
  void deletingAllOfAnOwnersTokensCountsTheLiveOnesAndSparesOtherOwners() {
    Tenant tenant = newTenant();
    PrivateApp app = newApp(tenant.id());
    PrivateApp sibling = newApp(tenant.id());
    TokenSecret secret = secrets.newToken(TokenKind.PRIVATE_APP);
    newToken(tenant.id(), app.ref(), secret, NOW);
    newToken(tenant.id(), app.ref(), NOW);
    ApiToken alreadyDeleted = newToken(tenant.id(), app.ref(), NOW);
    ApiToken other = newToken(tenant.id(), sibling.ref(), NOW);
    repositories.tokens().delete(tenant.id(), app.ref(), alreadyDeleted.id(), NOW);

    assertThat(repositories.tokens().deleteAllOf(tenant.id(), app.ref(), NOW.plusSeconds(1))).isEqualTo(2);

    assertThat(repositories.tokens().countByOwner(tenant.id(), app.ref())).isZero();
    assertThat(repositories.tokens().findByDigest(hasher.digest(secret))).isEmpty();
    assertThat(repositories.tokens().findById(tenant.id(), sibling.ref(), other.id())).contains(other);
    assertThat(repositories.tokens().deleteAllOf(tenant.id(), app.ref(), NOW.plusSeconds(2))).isZero();
  }

  @Test
  void theLastUseTimeIsRaisedButNeverLowered() {
    Tenant tenant = newTenant();
    PrivateApp app = newApp(tenant.id());
    ApiToken one = newToken(tenant.id(), app.ref(), NOW);
    ApiToken two = newToken(tenant.id(), app.ref(), NOW);
    Instant later = NOW.plusSeconds(60);

    repositories.tokens().recordLastUse(Map.of(one.id(), later, two.id(), NOW.plusSeconds(30)));
    assertThat(lastUseOf(tenant.id(), app.ref(), one)).contains(later);
    assertThat(lastUseOf(tenant.id(), app.ref(), two)).contains(NOW.plusSeconds(30));

    repositories.tokens().recordLastUse(Map.of(one.id(), NOW.plusSeconds(10), two.id(), NOW.plusSeconds(90)));
    assertThat(lastUseOf(tenant.id(), app.ref(), one)).contains(later);
    assertThat(lastUseOf(tenant.id(), app.ref(), two)).contains(NOW.plusSeconds(90));
  }

  @Test
  void aNewTokenHasNoLastUseAndAnUnknownIdIsIgnored() {
    Tenant tenant = newTenant();
    PrivateApp app = newApp(tenant.id());
    ApiToken token = newToken(tenant.id(), app.ref(), NOW);

    repositories.tokens().recordLastUse(Map.of(new ApiTokenId(ids.newId()), NOW.plusSeconds(5)));

    assertThat(lastUseOf(tenant.id(), app.ref(), token)).isEmpty();
  }

  @Test
  void auditEntriesAreListedNewestFirstInPagesAndOnlyWithinTheirTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    List<AuditEntry> appended = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      appended.add(newAuditEntry(tenant.id(), "privateApps/" + ids.newId(), i));
      newAuditEntry(other.id(), "privateApps/" + ids.newId(), i);
    }

    Page<AuditEntry> first = listAudit(tenant.id(), 2, Optional.empty(), Optional.empty());
    Page<AuditEntry> second = listAudit(tenant.id(), 2, first.nextCursor(), Optional.empty());
    Page<AuditEntry> third = listAudit(tenant.id(), 2, second.nextCursor(), Optional.empty());

    assertThat(first.items()).containsExactly(appended.get(4), appended.get(3));
    assertThat(second.items()).containsExactly(appended.get(2), appended.get(1));
    assertThat(third.items()).containsExactly(appended.get(0));
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  void anAuditEntryKeepsEveryField() {
    Tenant tenant = newTenant();
    PrivateApp actor = newApp(tenant.id());
    ApiToken token = newToken(tenant.id(), actor.ref(), NOW);
    AuditEntry entry = new AuditEntry(tenant.id(), new AuditEventId(ids.newId()), NOW, actor.ref(), token.id(),
        AuditAction.PRIVATE_APP_UPDATED, newApp(tenant.id()).resourceName(),
        Map.of("display_name", "Renamed", "grants", "companies:read"));
    repositories.audit().append(entry);

    assertThat(listAudit(tenant.id(), 10, Optional.empty(), Optional.empty()).items()).containsExactly(entry);
  }

  @Test
  void theTargetFilterIncludesResourcesUnderTheTargetButNotNamesThatMerelyStartAlike() {
    Tenant tenant = newTenant();
    String app = "privateApps/" + ids.newId();
    AuditEntry created = newAuditEntry(tenant.id(), app, 0);
    AuditEntry tokenCreated = newAuditEntry(tenant.id(), app + "/tokens/" + ids.newId(), 1);
    newAuditEntry(tenant.id(), app + "y", 2);
    newAuditEntry(tenant.id(), "privateApps/" + ids.newId(), 3);
    newAuditEntry(tenant.id(), "users/" + ids.newId(), 4);
    AuditEntry updated = newAuditEntry(tenant.id(), app, 5);

    Page<AuditEntry> first = listAudit(tenant.id(), 2, Optional.empty(), Optional.of(app));
    Page<AuditEntry> second = listAudit(tenant.id(), 2, first.nextCursor(), Optional.of(app));

    assertThat(first.items()).containsExactly(updated, tokenCreated);
    assertThat(second.items()).containsExactly(created);
    assertThat(second.nextCursor()).isEmpty();
    assertThat(listAudit(tenant.id(), 10, Optional.empty(), Optional.of(app + "/tokens")).items())
        .containsExactly(tokenCreated);
    assertThat(listAudit(newTenant().id(), 10, Optional.empty(), Optional.of(app)).items()).isEmpty();
  }

  @Test
  void aRoleKeepsEveryField() {
    Tenant tenant = newTenant();
    Role role = new Role(tenant.id(), new RoleId(ids.newId()), new DisplayName("Support"), SUPPORT, false, NOW,
        NOW.plusSeconds(5), 7);
    repositories.roles().insert(role);

    assertThat(repositories.roles().findById(tenant.id(), role.id())).contains(role);
  }

  @Test
  void aRoleUpdateFromTheStoredVersionIsStored() {
    Tenant tenant = newTenant();
    Role role = newRole(tenant.id());
    Role changed = role.withGrants(SUPPORT, NOW.plusSeconds(1)).withApiAccess(false, NOW.plusSeconds(1));
    Role oneStep = new Role(changed.tenantId(), changed.id(), changed.displayName(), changed.grants(),
        changed.apiAccess(), changed.createTime(), changed.updateTime(), role.version() + 1);

    assertThat(repositories.roles().update(oneStep)).isTrue();

    assertThat(repositories.roles().findById(tenant.id(), role.id())).contains(oneStep);
  }

  @Test
  void aRoleUpdateFromAStaleVersionOrSkippingOneIsRefusedAndChangesNothing() {
    Tenant tenant = newTenant();
    Role role = newRole(tenant.id());
    Role first = role.withDisplayName(new DisplayName("First"), NOW.plusSeconds(1));
    Role second = role.withDisplayName(new DisplayName("Second"), NOW.plusSeconds(2));
    Role twoAhead = first.withApiAccess(false, NOW.plusSeconds(3)).withApiAccess(true, NOW.plusSeconds(4));
    repositories.roles().update(first);

    assertThat(repositories.roles().update(second)).isFalse();
    assertThat(repositories.roles().update(twoAhead)).isFalse();
    assertThat(repositories.roles().findById(tenant.id(), role.id())).contains(first);
  }

  @Test
  void aRoleUpdateClaimingAnotherTenantIsRefused() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    Role role = newRole(tenant.id());
    Role renamed = role.withDisplayName(new DisplayName("Moved"), NOW.plusSeconds(1));
    Role moved = new Role(other.id(), role.id(), renamed.displayName(), renamed.grants(), renamed.apiAccess(),
        renamed.createTime(), renamed.updateTime(), renamed.version());

    assertThat(repositories.roles().update(moved)).isFalse();
    assertThat(repositories.roles().findById(tenant.id(), role.id())).contains(role);
    assertThat(repositories.roles().findById(other.id(), role.id())).isEmpty();
  }

  @Test
  void aDeletedRoleIsNeitherFoundNorListedNorUpdatedAndASecondDeleteIsRefused() {
    Tenant tenant = newTenant();
    Role kept = newRole(tenant.id());
    Role deleted = newRole(tenant.id());

    assertThat(repositories.roles().delete(tenant.id(), deleted.id(), NOW.plusSeconds(1))).isTrue();

    assertThat(repositories.roles().findById(tenant.id(), deleted.id())).isEmpty();
    assertThat(listRoles(tenant.id(), 10, Optional.empty()).items()).containsExactly(kept);
    assertThat(repositories.roles().update(deleted.withDisplayName(new DisplayName("Back"), NOW.plusSeconds(2))))
        .isFalse();
    assertThat(repositories.roles().findById(tenant.id(), deleted.id())).isEmpty();
    assertThat(repositories.roles().delete(tenant.id(), deleted.id(), NOW.plusSeconds(3))).isFalse();
    assertThat(repositories.roles().findById(tenant.id(), kept.id())).contains(kept);
  }

  @Test
  void aRoleCannotBeDeletedFromAnotherTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    Role role = newRole(tenant.id());

    assertThat(repositories.roles().delete(other.id(), role.id(), NOW)).isFalse();
    assertThat(repositories.roles().delete(tenant.id(), new RoleId(ids.newId()), NOW)).isFalse();
    assertThat(repositories.roles().findById(tenant.id(), role.id())).contains(role);
  }

  @Test
  void rolesAreListedOldestFirstInPagesAndOnlyWithinTheirTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    List<Role> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newRole(tenant.id()));
      newRole(other.id());
    }

    Page<Role> first = listRoles(tenant.id(), 2, Optional.empty());
    Page<Role> second = listRoles(tenant.id(), 2, first.nextCursor());
    Page<Role> third = listRoles(tenant.id(), 2, second.nextCursor());

    assertThat(first.items()).containsExactly(created.get(0), created.get(1));
    assertThat(second.items()).containsExactly(created.get(2), created.get(3));
    assertThat(third.items()).containsExactly(created.get(4));
    assertThat(third.nextCursor()).isEmpty();
    assertThat(listRoles(newTenant().id(), 2, Optional.empty()).items()).isEmpty();
  }

  @Test
  void aFullLastPageOfRolesHasNoNextCursorAndRolesCreatedWhilePagingComeLast() {
    Tenant tenant = newTenant();
    Role one = newRole(tenant.id());
    Role two = newRole(tenant.id());
    Role three = newRole(tenant.id());

    Page<Role> first = listRoles(tenant.id(), 2, Optional.empty());
    Role four = newRole(tenant.id());
    Page<Role> second = listRoles(tenant.id(), 2, first.nextCursor());

    assertThat(first.items()).containsExactly(one, two);
    assertThat(second.items()).containsExactly(three, four);
    assertThat(second.nextCursor()).isEmpty();
  }

  @Test
  void aUserKeepsEveryField() {
    Tenant tenant = newTenant();
    RoleId role = newRole(tenant.id()).id();
    User holder = new User(tenant.id(), new UserId(ids.newId()), new EmailAddress("Ada.Lovelace@Example.com"),
        new DisplayName("Ada"), role, true, UserState.ACTIVE, NOW, NOW.plusSeconds(5), 7);
    User paused = new User(tenant.id(), new UserId(ids.newId()), new EmailAddress("grace@example.com"),
        new DisplayName("Grace"), role, false, UserState.DEACTIVATED, NOW, NOW.plusSeconds(9), 3);
    repositories.users().insert(holder);
    repositories.users().insert(paused);

    assertThat(repositories.users().findById(tenant.id(), holder.id())).contains(holder);
    assertThat(repositories.users().findById(tenant.id(), paused.id())).contains(paused);
  }

  @Test
  void aUserUpdateFromTheStoredVersionIsStored() {
    Tenant tenant = newTenant();
    User user = newUser(tenant.id(), newRole(tenant.id()).id(), "ada@example.com");
    User deactivated = user.withState(UserState.DEACTIVATED, NOW.plusSeconds(1));
    User moved = deactivated.withRole(newRole(tenant.id()).id(), NOW.plusSeconds(2));

    assertThat(repositories.users().update(deactivated)).isTrue();
    assertThat(repositories.users().update(moved)).isTrue();

    assertThat(repositories.users().findById(tenant.id(), user.id())).contains(moved);
  }

  @Test
  void aUserUpdateFromAStaleVersionOrSkippingOneIsRefusedAndChangesNothing() {
    Tenant tenant = newTenant();
    User user = newUser(tenant.id(), newRole(tenant.id()).id(), "ada@example.com");
    User first = user.withDisplayName(new DisplayName("First"), NOW.plusSeconds(1));
    User second = user.withDisplayName(new DisplayName("Second"), NOW.plusSeconds(2));
    User twoAhead = first.withState(UserState.DEACTIVATED, NOW.plusSeconds(3))
        .withState(UserState.ACTIVE, NOW.plusSeconds(4));
    repositories.users().update(first);

    assertThat(repositories.users().update(second)).isFalse();
    assertThat(repositories.users().update(twoAhead)).isFalse();
    assertThat(repositories.users().findById(tenant.id(), user.id())).contains(first);
  }

  @Test
  void aUserUpdateClaimingAnotherTenantIsRefused() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    User user = newUser(tenant.id(), newRole(tenant.id()).id(), "ada@example.com");
    User renamed = user.withDisplayName(new DisplayName("Moved"), NOW.plusSeconds(1));
    User moved = new User(other.id(), user.id(), renamed.email(), renamed.displayName(), renamed.roleId(),
        renamed.accountHolder(), renamed.state(), renamed.createTime(), renamed.updateTime(), renamed.version());

    assertThat(repositories.users().update(moved)).isFalse();
    assertThat(repositories.users().findById(tenant.id(), user.id())).contains(user);
    assertThat(repositories.users().findById(other.id(), user.id())).isEmpty();
  }

  @Test
  void aDeletedUserIsNeitherFoundNorListedNorCountedNorUpdatedAndASecondDeleteIsRefused() {
    Tenant tenant = newTenant();
    RoleId role = newRole(tenant.id()).id();
    User kept = newUser(tenant.id(), role, "kept@example.com");
    User deleted = newUser(tenant.id(), role, "gone@example.com");

    assertThat(repositories.users().delete(tenant.id(), deleted.id(), NOW.plusSeconds(1))).isTrue();

    assertThat(repositories.users().findById(tenant.id(), deleted.id())).isEmpty();
    assertThat(listUsers(tenant.id(), 10, Optional.empty(), Optional.empty(), Optional.empty()).items())
        .containsExactly(kept);
    assertThat(repositories.users().countWithRole(tenant.id(), role)).isEqualTo(1);
    assertThat(repositories.users().update(deleted.withDisplayName(new DisplayName("Back"), NOW.plusSeconds(2))))
        .isFalse();
    assertThat(repositories.users().findById(tenant.id(), deleted.id())).isEmpty();
    assertThat(repositories.users().delete(tenant.id(), deleted.id(), NOW.plusSeconds(3))).isFalse();
    assertThat(repositories.users().findById(tenant.id(), kept.id())).contains(kept);
  }

  @Test
  void aUserCannotBeDeletedFromAnotherTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    User user = newUser(tenant.id(), newRole(tenant.id()).id(), "ada@example.com");

    assertThat(repositories.users().delete(other.id(), user.id(), NOW)).isFalse();
    assertThat(repositories.users().delete(tenant.id(), new UserId(ids.newId()), NOW)).isFalse();
    assertThat(repositories.users().findById(tenant.id(), user.id())).contains(user);
  }

  @Test
  void theEmailOfADeletedUserMayBeUsedAgainInAnyCase() {
    Tenant tenant = newTenant();
    RoleId role = newRole(tenant.id()).id();
    User deleted = newUser(tenant.id(), role, "ada@example.com");
    repositories.users().delete(tenant.id(), deleted.id(), NOW.plusSeconds(1));

    User again = newUser(tenant.id(), role, "ADA@example.com");

    assertThat(repositories.users().findById(tenant.id(), again.id())).contains(again);
    assertThat(repositories.users().findById(tenant.id(), deleted.id())).isEmpty();
    assertThatThrownBy(() -> newUser(tenant.id(), role, "ada@EXAMPLE.com")).isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void aDeactivatedUserStillHoldsItsEmail() {
    Tenant tenant = newTenant();
    RoleId role = newRole(tenant.id()).id();
    User user = newUser(tenant.id(), role, "ada@example.com");
    repositories.users().update(user.withState(UserState.DEACTIVATED, NOW.plusSeconds(1)));

    assertThatThrownBy(() -> newUser(tenant.id(), role, "ada@example.com")).isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void usersAreListedOldestFirstInPagesAndOnlyWithinTheirTenant() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    RoleId role = newRole(tenant.id()).id();
    RoleId otherRole = newRole(other.id()).id();
    List<User> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(newUser(tenant.id(), role, "user" + i + "@example.com"));
      newUser(other.id(), otherRole, "user" + i + "@example.com");
    }

    Page<User> first = listUsers(tenant.id(), 2, Optional.empty(), Optional.empty(), Optional.empty());
    Page<User> second = listUsers(tenant.id(), 2, first.nextCursor(), Optional.empty(), Optional.empty());
    Page<User> third = listUsers(tenant.id(), 2, second.nextCursor(), Optional.empty(), Optional.empty());

    assertThat(first.items()).containsExactly(created.get(0), created.get(1));
    assertThat(second.items()).containsExactly(created.get(2), created.get(3));
    assertThat(third.items()).containsExactly(created.get(4));
    assertThat(third.nextCursor()).isEmpty();
    assertThat(listUsers(newTenant().id(), 2, Optional.empty(), Optional.empty(), Optional.empty()).items())
        .isEmpty();
  }

  @Test
  void aFullLastPageOfUsersHasNoNextCursor() {
    Tenant tenant = newTenant();
    RoleId role = newRole(tenant.id()).id();
    newUser(tenant.id(), role, "one@example.com");
    newUser(tenant.id(), role, "two@example.com");

    Page<User> page = listUsers(tenant.id(), 2, Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(page.items()).hasSize(2);
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void usersAreFilteredByRoleAndStateAcrossPages() {
    Tenant tenant = newTenant();
    RoleId support = newRole(tenant.id()).id();
    RoleId sales = newRole(tenant.id()).id();
    List<User> created = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      User user = newUser(tenant.id(), i % 2 == 0 ? support : sales, "user" + i + "@example.com");
      if (i % 4 < 2) {
        user = user.withState(UserState.DEACTIVATED, NOW.plusSeconds(10));
        assertThat(repositories.users().update(user)).isTrue();
      }
      created.add(user);
    }
    Optional<RoleId> bySupport = Optional.of(support);
    Optional<UserState> active = Optional.of(UserState.ACTIVE);
    Optional<UserState> deactivated = Optional.of(UserState.DEACTIVATED);

    Page<User> firstSupport = listUsers(tenant.id(), 2, Optional.empty(), bySupport, Optional.empty());
    Page<User> secondSupport = listUsers(tenant.id(), 2, firstSupport.nextCursor(), bySupport, Optional.empty());
    Page<User> firstDeactivated = listUsers(tenant.id(), 3, Optional.empty(), Optional.empty(), deactivated);
    Page<User> secondDeactivated =
        listUsers(tenant.id(), 3, firstDeactivated.nextCursor(), Optional.empty(), deactivated);

    assertThat(firstSupport.items()).containsExactly(created.get(0), created.get(2));
    assertThat(secondSupport.items()).containsExactly(created.get(4), created.get(6));
    assertThat(secondSupport.nextCursor()).isEmpty();
    assertThat(firstDeactivated.items()).containsExactly(created.get(0), created.get(1), created.get(4));
    assertThat(secondDeactivated.items()).containsExactly(created.get(5));
    assertThat(secondDeactivated.nextCursor()).isEmpty();
    assertThat(listUsers(tenant.id(), 10, Optional.empty(), bySupport, active).items())
        .containsExactly(created.get(2), created.get(6));
    assertThat(listUsers(tenant.id(), 10, Optional.empty(), Optional.of(sales), deactivated).items())
        .containsExactly(created.get(1), created.get(5));
    assertThat(listUsers(tenant.id(), 10, Optional.empty(), Optional.of(new RoleId(ids.newId())), Optional.empty())
        .items()).isEmpty();
  }

  @Test
  void countWithRoleCountsTheLiveUsersOfTheRoleInTheTenantDeactivatedOnesIncluded() {
    Tenant tenant = newTenant();
    Tenant other = newTenant();
    RoleId role = newRole(tenant.id()).id();
    RoleId spare = newRole(tenant.id()).id();
    User active = newUser(tenant.id(), role, "one@example.com");
    User paused = newUser(tenant.id(), role, "two@example.com");
    User doomed = newUser(tenant.id(), role, "three@example.com");
    newUser(tenant.id(), spare, "four@example.com");
    newUser(other.id(), newRole(other.id()).id(), "one@example.com");
    repositories.users().update(paused.withState(UserState.DEACTIVATED, NOW.plusSeconds(1)));
    repositories.users().delete(tenant.id(), doomed.id(), NOW.plusSeconds(2));

    assertThat(repositories.users().countWithRole(tenant.id(), role)).isEqualTo(2);
    assertThat(repositories.users().countWithRole(tenant.id(), spare)).isEqualTo(1);
    assertThat(repositories.users().countWithRole(other.id(), role)).isZero();
    assertThat(repositories.users().countWithRole(tenant.id(), new RoleId(ids.newId()))).isZero();

    repositories.users().update(active.withRole(spare, NOW.plusSeconds(3)));
    assertThat(repositories.users().countWithRole(tenant.id(), role)).isEqualTo(1);
    assertThat(repositories.users().countWithRole(tenant.id(), spare)).isEqualTo(2);
  }

  @Test
  void anAuditEntryOfTheOperatorActingForAUserKeepsTheMeans() {
    Tenant tenant = newTenant();
    User user = newUser(tenant.id(), newRole(tenant.id()).id(), "ada@example.com");
    AuditEntry entry = new AuditEntry(tenant.id(), new AuditEventId(ids.newId()), NOW, user.ref(), null,
        new Actor.Operator(), AuditAction.PRIVATE_APP_CREATED, newApp(tenant.id()).resourceName(),
        Map.of("display_name", "App"));
    repositories.audit().append(entry);

    assertThat(listAudit(tenant.id(), 10, Optional.empty(), Optional.empty()).items()).containsExactly(entry);
    assertThat(entry.viaMeans()).contains(new Actor.Operator());
  }

  private Tenant newTenant() {
    Tenant tenant = Tenant.create(new TenantId(ids.newId()), new DisplayName("Tenant"), NOW);
    repositories.tenants().insert(tenant);
    return tenant;
  }

  private List<Tenant> newTenants(int count) {
    List<Tenant> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      created.add(newTenant());
    }
    return created;
  }

  private Role newRole(TenantId tenantId) {
    PermissionSet grants = PermissionSet.of(
        Grant.of(DataModel.COMPANIES, Action.READ, Action.UPDATE), Grant.of(DataModel.USERS, Action.READ));
    Role role = new Role(tenantId, new RoleId(ids.newId()), new DisplayName("Role"), grants, true, NOW, NOW, 1);
    repositories.roles().insert(role);
    return role;
  }

  private User newUser(TenantId tenantId, RoleId roleId, String email) {
    User user = new User(
        tenantId, new UserId(ids.newId()), new EmailAddress(email), new DisplayName("Ada"), roleId, false,
        UserState.ACTIVE, NOW, NOW, 1);
    repositories.users().insert(user);
    return user;
  }

  private Page<Role> listRoles(TenantId tenantId, int size, Optional<String> cursor) {
    return repositories.roles().list(tenantId, new PageRequest(size, cursor));
  }

  private Page<User> listUsers(TenantId tenantId, int size, Optional<String> cursor, Optional<RoleId> role,
      Optional<UserState> state) {
    return repositories.users().list(tenantId, new PageRequest(size, cursor), role, state);
  }

  private ApiToken newToken(TenantId tenantId, User owner, TokenSecret secret) {
    return newToken(tenantId, owner.ref(), secret, NOW);
  }

  private ApiToken newToken(TenantId tenantId, Actor owner, Instant createTime) {
    return newToken(tenantId, owner, secrets.newToken(ApiToken.kindFor(owner)), createTime);
  }

  private ApiToken newToken(TenantId tenantId, Actor owner, TokenSecret secret, Instant createTime) {
    ApiToken token = new ApiToken(
        tenantId, new ApiTokenId(ids.newId()), owner, new DisplayName("Token"), secret.displayPrefix(),
        hasher.digest(secret), createTime, new Actor.Operator(), null);
    repositories.tokens().insert(token);
    return token;
  }

  private Optional<Instant> lastUseOf(TenantId tenantId, Actor owner, ApiToken token) {
    return repositories.tokens().findById(tenantId, owner, token.id()).orElseThrow().lastUse();
  }

  private Page<ApiToken> listTokens(TenantId tenantId, Actor owner, int size, Optional<String> cursor) {
    return repositories.tokens().listByOwner(tenantId, owner, new PageRequest(size, cursor));
  }

  /** A new, enabled app; each one is created a second after the one before, with a later id. */
  private PrivateApp newApp(TenantId tenantId) {
    PrivateApp app = PrivateApp.create(tenantId, new PrivateAppId(ids.newId()), new DisplayName("App"),
        Description.EMPTY, SUPPORT, new Actor.Operator(), NOW.plusSeconds(appsCreated++));
    repositories.privateApps().insert(app);
    return app;
  }

  private Page<PrivateApp> listApps(
      TenantId tenantId, int size, Optional<String> cursor, Optional<PrivateAppState> state) {
    return repositories.privateApps().list(tenantId, new PageRequest(size, cursor), state);
  }

  /** An entry {@code second} seconds after {@link #NOW}, with a later id than every entry before. */
  private AuditEntry newAuditEntry(TenantId tenantId, String target, int second) {
    AuditEntry entry = new AuditEntry(tenantId, new AuditEventId(ids.newId()), NOW.plusSeconds(second),
        new Actor.Operator(), null, AuditAction.PRIVATE_APP_CREATED, target, Map.of("display_name", "App"));
    repositories.audit().append(entry);
    return entry;
  }

  private Page<AuditEntry> listAudit(TenantId tenantId, int size, Optional<String> cursor, Optional<String> target) {
    return repositories.audit().list(tenantId, new PageRequest(size, cursor), target);
  }
}
