package dev.latchkey.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.port.out.ApiTokenRepository;
import dev.latchkey.application.port.out.RoleRepository;
import dev.latchkey.application.port.out.TenantRepository;
import dev.latchkey.application.port.out.UserRepository;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
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
      TenantRepository tenants, RoleRepository roles, UserRepository users, ApiTokenRepository tokens) {}

  private static final Instant NOW = FixedClock.DEFAULT;

  private final SequentialIdGenerator ids = new SequentialIdGenerator();
  private final FakeSecretGenerator secrets = new FakeSecretGenerator("contract");
  private final FakeTokenHasher hasher = new FakeTokenHasher();
  private Repositories repositories;

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

  private ApiToken newToken(TenantId tenantId, User owner, TokenSecret secret) {
    ApiToken token = new ApiToken(
        tenantId, new ApiTokenId(ids.newId()), owner.ref(), new DisplayName("Token"), secret.displayPrefix(),
        hasher.digest(secret), NOW, new Actor.Operator(), null);
    repositories.tokens().insert(token);
    return token;
  }
}
