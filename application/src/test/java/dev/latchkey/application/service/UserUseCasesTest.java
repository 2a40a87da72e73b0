package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.ChangeUserStateCommand;
import dev.latchkey.application.port.in.CreateRoleCommand;
import dev.latchkey.application.port.in.CreateUserCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.DeleteRoleCommand;
import dev.latchkey.application.port.in.DeleteUserCommand;
import dev.latchkey.application.port.in.GetUserQuery;
import dev.latchkey.application.port.in.ListUsersQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.port.in.TransferAccountHolderCommand;
import dev.latchkey.application.port.in.UpdateUserCommand;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.error.AlreadyExistsException;
import dev.latchkey.domain.error.ConflictException;
import dev.latchkey.domain.error.FailedPreconditionException;
import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.domain.error.NotFoundException;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UserUseCasesTest {
  private static final PermissionSet SUPPORT = PermissionSet.of(
      Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE), Grant.of(DataModel.COMPANIES, Action.READ));
  private static final Grant MANAGE_USERS =
      Grant.of(DataModel.USERS, Action.CREATE, Action.READ, Action.UPDATE, Action.DELETE);

  private final InMemoryPorts ports = new InMemoryPorts();
  private final AuthenticateTokenService authenticate = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final User owner = acme.owner();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final Role administrator = ports.roles.ofTenant(tenant).get(0);
  private final Role readOnly = ports.roles.ofTenant(tenant).get(1);
  private final Role support = role(SUPPORT, true);

  @Test
  void aCreatedUserIsAnActiveMemberAndTheCreationIsAudited() {
    Instant now = ports.clock.advance(Duration.ofMinutes(1));

    User user = ports.createUserService().execute(holder, create("ada@example.com", support.id()));

    assertThat(user.tenantId()).isEqualTo(tenant);
    assertThat(user.email()).isEqualTo(new EmailAddress("ada@example.com"));
    assertThat(user.roleId()).isEqualTo(support.id());
    assertThat(user.isActive()).isTrue();
    assertThat(user.accountHolder()).isFalse();
    assertThat(user.version()).isEqualTo(1);
    assertThat(user.createTime()).isEqualTo(now);
    assertThat(ports.users.findById(tenant, user.id())).contains(user);
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.USER_CREATED);
    assertThat(entry.target()).isEqualTo(user.resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.token()).contains(holder.tokenId());
    assertThat(entry.time()).isEqualTo(now);
    assertThat(entry.details()).isEqualTo(Map.of(
        "email", "ada@example.com", "display_name", user.displayName().value(), "role", support.resourceName()));
  }

  @Test
  void aTakenEmailInAnyCaseIsAlreadyExistsAndChangesNothing() {
    ports.createUserService().execute(holder, create("ada@example.com", support.id()));
    int users = ports.users.all().size();
    int audited = ports.audit.entries().size();
    String ownerEmailShouted = owner.email().value().toUpperCase(java.util.Locale.ROOT);

    assertThatThrownBy(() -> ports.createUserService().execute(holder, create("ADA@Example.com", support.id())))
        .isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(() -> ports.createUserService().execute(holder, create(ownerEmailShouted, readOnly.id())))
        .isInstanceOf(AlreadyExistsException.class);

    assertThat(ports.users.all()).hasSize(users);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void theSameEmailMayBeUsedInAnotherTenant() {
    CreatedTenant other = ports.createTenant();
    Principal.TenantPrincipal otherHolder = (Principal.TenantPrincipal) ports.signIn(other.ownerToken());
    RoleId otherRole = ports.roles.ofTenant(other.tenant().id()).getLast().id();

    User user = ports.createUserService().execute(otherHolder, create(owner.email().value(), otherRole));

    assertThat(user.tenantId()).isEqualTo(other.tenant().id());
  }

  @Test
  void anUnknownDeletedOrForeignRoleIsNotFound() {
    Role deleted = role(SUPPORT, true);
    ports.deleteRoleService().execute(holder, new DeleteRoleCommand(deleted.id()));
    RoleId foreign = ports.roles.ofTenant(ports.createTenant().tenant().id()).getLast().id();
    int users = ports.users.all().size();

    assertThatThrownBy(() -> ports.createUserService().execute(holder, create("a@example.com", Fixtures.anyRoleId())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.createUserService().execute(holder, create("b@example.com", deleted.id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.createUserService().execute(holder, create("c@example.com", foreign)))
        .isInstanceOf(NotFoundException.class);
    assertThat(ports.users.all()).hasSize(users);
  }

  @Test
  void nobodyGivesANewUserARoleBeyondTheirOwnGrants() {
    Principal.TenantPrincipal manager = member(with(SUPPORT, MANAGE_USERS));
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.createUserService().execute(manager, create("boss@example.com", administrator.id())))
        .isInstanceOf(PermissionDeniedException.class);

    assertThat(ports.users.all()).extracting(User::email).doesNotContain(new EmailAddress("boss@example.com"));
    assertThat(ports.audit.entries()).hasSize(audited);
    assertThat(ports.createUserService().execute(manager, create("agent@example.com", support.id())).roleId()).isEqualTo(support.id());
    assertThat(ports.audit.entries().getLast().actor()).isEqualTo(manager.actor());
  }

  @Test
  void creatingAUserNeedsCreateOnUsers() {
    Principal.TenantPrincipal updater = member(with(SUPPORT, Grant.of(DataModel.USERS, Action.READ, Action.UPDATE)));

    assertThatThrownBy(() -> ports.createUserService().execute(updater, create("a@example.com", support.id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the create permission on users");
    assertThatThrownBy(() -> ports.createUserService().execute(Fixtures.operator(), create("a@example.com", support.id())))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aUserIsReadInItsOwnTenantOnly() {
    User user = newUser(support);
    CreatedTenant other = ports.createTenant();

    assertThat(ports.getUserService().execute(holder, new GetUserQuery(user.id()))).isEqualTo(user);
    assertThat(ports.getUserService().execute(holder, new GetUserQuery(owner.id()))).isEqualTo(owner);
    assertThatThrownBy(() -> ports.getUserService().execute(holder, new GetUserQuery(other.owner().id())))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("users/" + other.owner().id() + " not found");
    assertThatThrownBy(() -> ports.getUserService().execute(holder, new GetUserQuery(Fixtures.anyUserId()))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void readingUsersNeedsReadOnUsers() {
    Principal.TenantPrincipal blind = member(SUPPORT);

    assertThatThrownBy(() -> ports.getUserService().execute(blind, new GetUserQuery(owner.id()))).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> ports.listUsersService().execute(blind, new ListUsersQuery(new PageQuery(10, ""), Optional.empty(), Optional.empty())))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void usersAreListedOldestFirstInPagesAndFilteredByRoleAndState() {
    List<User> created = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      created.add(newUser(i % 2 == 0 ? support : readOnly));
    }
    User paused = ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(created.get(2).id(), UserState.DEACTIVATED));
    ports.createTenant();

    Page<User> first = ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(2, ""), Optional.empty(), Optional.empty()));
    Page<User> second = ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(2, first.nextCursor().orElseThrow()), Optional.empty(), Optional.empty()));
    Page<User> third = ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(2, second.nextCursor().orElseThrow()), Optional.empty(), Optional.empty()));

    assertThat(first.items()).containsExactly(owner, created.get(0));
    assertThat(second.items()).containsExactly(created.get(1), paused);
    assertThat(third.items()).containsExactly(created.get(3));
    assertThat(third.nextCursor()).isEmpty();
    assertThat(ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(10, ""), Optional.of(support.id()), Optional.empty())).items())
        .containsExactly(created.get(0), paused);
    assertThat(ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(10, ""), Optional.of(support.id()), Optional.of(UserState.ACTIVE))).items())
        .containsExactly(created.get(0));
    assertThat(ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(10, ""), Optional.empty(), Optional.of(UserState.DEACTIVATED))).items())
        .containsExactly(paused);
    assertThat(ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(10, ""), Optional.of(administrator.id()), Optional.empty())).items())
        .containsExactly(owner);
  }

  @Test
  void aPageTokenIsGoodOnlyForTheFiltersItWasIssuedFor() {
    newUser(support);
    newUser(support);
    String supportToken = ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(1, ""), Optional.of(support.id()), Optional.empty()))
        .nextCursor().orElseThrow();

    assertThat(ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(1, supportToken), Optional.of(support.id()), Optional.empty())).items())
        .hasSize(1);
    assertThatThrownBy(() -> ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(1, supportToken), Optional.empty(), Optional.empty())))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_token"));
    assertThatThrownBy(() -> ports.listUsersService().execute(holder, new ListUsersQuery(new PageQuery(1, supportToken), Optional.of(support.id()), Optional.of(UserState.ACTIVE))))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void anUpdateChangesNameAndRoleInOneVersionStepAndIsAudited() {
    User user = newUser(support);
    Instant later = ports.clock.advance(Duration.ofMinutes(5));

    User updated = ports.updateUserService().execute(holder, new UpdateUserCommand(user.id(),
        Optional.of(new DisplayName("Ada L.")), Optional.of(readOnly.id()), OptionalLong.of(user.version())));

    assertThat(updated).isEqualTo(new User(tenant, user.id(), user.email(), new DisplayName("Ada L."), readOnly.id(),
        false, UserState.ACTIVE, user.createTime(), later, user.version() + 1));
    assertThat(ports.users.findById(tenant, user.id())).contains(updated);
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.USER_UPDATED);
    assertThat(entry.target()).isEqualTo(user.resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.time()).isEqualTo(later);
    assertThat(entry.details()).isEqualTo(Map.of("display_name", "Ada L.", "role", readOnly.resourceName()));
  }

  @Test
  void anUpdateThatChangesNothingKeepsTheVersionAndIsNotAudited() {
    User user = newUser(support);
    int audited = ports.audit.entries().size();

    User same = ports.updateUserService().execute(holder, new UpdateUserCommand(user.id(), Optional.of(user.displayName()),
        Optional.of(support.id()), OptionalLong.of(user.version())));

    assertThat(same).isEqualTo(user);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void aStaleEtagIsAConflictAndChangesNothing() {
    User user = newUser(support);
    User renamed = ports.updateUserService().execute(holder, rename(user.id(), "First", OptionalLong.of(user.version())));
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.updateUserService().execute(holder, rename(user.id(), "Second", OptionalLong.of(user.version()))))
        .isInstanceOf(ConflictException.class);

    assertThat(ports.users.findById(tenant, user.id())).contains(renamed);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void aChangeByAnotherCallerBetweenReadAndWriteIsAConflict() {
    User user = newUser(support);
    ports.users.beforeNextUpdate(() -> ports.users.update(user.withState(UserState.DEACTIVATED, ports.clock.instant())));
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.updateUserService().execute(holder, rename(user.id(), "Mine", OptionalLong.empty())))
        .isInstanceOf(ConflictException.class);

    assertThat(ports.users.findById(tenant, user.id())).contains(user);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void nobodyRaisesTheirOwnRoleBeyondTheirGrants() {
    Role managers = role(with(SUPPORT, MANAGE_USERS), true);
    User manager = newUser(managers);
    Principal.TenantPrincipal caller = ports.signInAs(tenant, manager.ref());
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.updateUserService().execute(caller, new UpdateUserCommand(manager.id(), Optional.empty(),
            Optional.of(administrator.id()), OptionalLong.empty())))
        .isInstanceOf(PermissionDeniedException.class);

    assertThat(ports.users.findById(tenant, manager.id())).contains(manager);
    assertThat(ports.audit.entries()).hasSize(audited);
    assertThat(((Principal.TenantPrincipal) ports.signIn(ports.issueToken(tenant, manager.ref()))).grants())
        .isEqualTo(managers.grants());
  }

  @Test
  void nobodyGivesAnotherUserARoleBeyondTheirGrants() {
    Principal.TenantPrincipal manager = member(with(SUPPORT, MANAGE_USERS));
    User user = newUser(support);

    assertThatThrownBy(() -> ports.updateUserService().execute(manager, new UpdateUserCommand(user.id(), Optional.empty(),
            Optional.of(administrator.id()), OptionalLong.empty())))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.users.findById(tenant, user.id())).contains(user);
  }

  @Test
  void changingToAnUnknownRoleIsNotFound() {
    User user = newUser(support);

    assertThatThrownBy(() -> ports.updateUserService().execute(holder, new UpdateUserCommand(user.id(), Optional.empty(),
            Optional.of(Fixtures.anyRoleId()), OptionalLong.empty())))
        .isInstanceOf(NotFoundException.class);
    assertThat(ports.users.findById(tenant, user.id())).contains(user);
  }

  @Test
  void aNewRoleTakesEffectOnTheUsersNextTokenCheck() {
    User user = newUser(support);
    IssuedToken token = ports.issueToken(tenant, user.ref());
    Role wider = role(with(SUPPORT, Grant.of(DataModel.END_USERS, Action.READ)), true);

    ports.updateUserService().execute(holder, new UpdateUserCommand(user.id(), Optional.empty(), Optional.of(wider.id()),
        OptionalLong.empty()));
    assertThat(((Principal.TenantPrincipal) ports.signIn(token)).grants()).isEqualTo(wider.grants());

    ports.updateUserService().execute(holder, new UpdateUserCommand(user.id(), Optional.empty(), Optional.of(readOnly.id()),
        OptionalLong.empty()));
    assertThat(authenticate.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  @Test
  void updatingAUserOfAnotherTenantIsNotFound() {
    CreatedTenant other = ports.createTenant();

    assertThatThrownBy(() -> ports.updateUserService().execute(holder, rename(other.owner().id(), "Mine", OptionalLong.empty())))
        .isInstanceOf(NotFoundException.class);
    assertThat(ports.users.findById(other.tenant().id(), other.owner().id())).contains(other.owner());
  }

  @Test
  void deactivatingStopsTheUsersTokensAtOnceAndReactivatingBringsThemBack() {
    User user = newUser(support);
    IssuedToken token = ports.issueToken(tenant, user.ref());
    Instant later = ports.clock.advance(Duration.ofMinutes(1));

    User deactivated = ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(user.id(), UserState.DEACTIVATED));

    assertThat(deactivated.state()).isEqualTo(UserState.DEACTIVATED);
    assertThat(deactivated.version()).isEqualTo(user.version() + 1);
    assertThat(deactivated.updateTime()).isEqualTo(later);
    assertThat(authenticate.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
    AuditEntry off = ports.audit.entries().getLast();
    assertThat(off.action()).isEqualTo(AuditAction.USER_DEACTIVATED);
    assertThat(off.target()).isEqualTo(user.resourceName());
    assertThat(off.actor()).isEqualTo(holder.actor());

    User reactivated = ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(user.id(), UserState.ACTIVE));

    assertThat(reactivated.isActive()).isTrue();
    assertThat(reactivated.version()).isEqualTo(user.version() + 2);
    assertThat(((Principal.TenantPrincipal) ports.signIn(token)).actor()).isEqualTo(user.ref());
    assertThat(ports.audit.entries().getLast().action()).isEqualTo(AuditAction.USER_REACTIVATED);
  }

  @Test
  void deactivatingADeactivatedUserChangesNothing() {
    User user = newUser(support);
    User deactivated = ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(user.id(), UserState.DEACTIVATED));
    int audited = ports.audit.entries().size();

    assertThat(ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(user.id(), UserState.DEACTIVATED))).isEqualTo(deactivated);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void deactivatingNeedsUpdateOnUsers() {
    Principal.TenantPrincipal reader = member(with(SUPPORT, Grant.of(DataModel.USERS, Action.READ, Action.DELETE)));
    User user = newUser(support);

    assertThatThrownBy(() -> ports.changeUserStateService().execute(reader, new ChangeUserStateCommand(user.id(), UserState.DEACTIVATED)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the update permission on users");
    assertThat(ports.users.findById(tenant, user.id())).contains(user);
  }

  @Test
  void reactivatingAUserWhoseRoleExceedsTheCallersGrantsIsRefused() {
    User admin = newUser(administrator);
    ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(admin.id(), UserState.DEACTIVATED));
    Principal.TenantPrincipal manager = member(with(SUPPORT, MANAGE_USERS));

    assertThatThrownBy(() -> ports.changeUserStateService().execute(manager, new ChangeUserStateCommand(admin.id(), UserState.ACTIVE)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.users.findById(tenant, admin.id()).orElseThrow().isActive()).isFalse();
  }

  @Test
  void deletingAUserEndsTheirTokensForGoodAndFreesTheEmail() {
    User user = newUser(support);
    IssuedToken first = ports.issueToken(tenant, user.ref());
    IssuedToken second = ports.issueToken(tenant, user.ref());
    Instant later = ports.clock.advance(Duration.ofMinutes(1));

    ports.deleteUserService().execute(holder, new DeleteUserCommand(user.id()));

    assertThat(authenticate.authenticate(first.secret().reveal())).isNotInstanceOf(TokenCheck.Valid.class);
    assertThat(authenticate.authenticate(second.secret().reveal())).isNotInstanceOf(TokenCheck.Valid.class);
    assertThat(ports.tokens.countByOwner(tenant, user.ref())).isZero();
    assertThat(ports.users.deleteTime(user.id())).contains(later);
    assertThatThrownBy(() -> ports.getUserService().execute(holder, new GetUserQuery(user.id()))).isInstanceOf(NotFoundException.class);
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.USER_DELETED);
    assertThat(entry.target()).isEqualTo(user.resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.details()).isEqualTo(Map.of("email", user.email().value(), "tokens_deleted", "2"));

    User again = ports.createUserService().execute(holder, create(user.email().value().toUpperCase(java.util.Locale.ROOT),
        support.id()));
    assertThat(again.id()).isNotEqualTo(user.id());
    assertThat(authenticate.authenticate(first.secret().reveal())).isNotInstanceOf(TokenCheck.Valid.class);
    assertThatThrownBy(() -> ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(user.id(), UserState.ACTIVE)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aDeletedUserCannotBeDeletedAgainNorUpdated() {
    User user = newUser(support);
    ports.deleteUserService().execute(holder, new DeleteUserCommand(user.id()));
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.deleteUserService().execute(holder, new DeleteUserCommand(user.id()))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.updateUserService().execute(holder, rename(user.id(), "Back", OptionalLong.empty())))
        .isInstanceOf(NotFoundException.class);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void deletingNeedsDeleteOnUsers() {
    Principal.TenantPrincipal updater = member(with(SUPPORT, Grant.of(DataModel.USERS, Action.READ, Action.UPDATE)));
    User user = newUser(support);

    assertThatThrownBy(() -> ports.deleteUserService().execute(updater, new DeleteUserCommand(user.id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the delete permission on users");
    assertThat(ports.users.findById(tenant, user.id())).contains(user);
  }

  @Test
  void aUserOfAnotherTenantCannotBeDeleted() {
    CreatedTenant other = ports.createTenant();
    User foreign = ports.storeMember(other.tenant().id(), SUPPORT, true);

    assertThatThrownBy(() -> ports.deleteUserService().execute(holder, new DeleteUserCommand(foreign.id()))).isInstanceOf(NotFoundException.class);
    assertThat(ports.users.findById(other.tenant().id(), foreign.id())).contains(foreign);
  }

  @Test
  void nobodyElseTouchesTheAccountHolderWhateverTheirGrants() {
    Principal.TenantPrincipal admin = ports.signInAs(tenant, newUser(administrator).ref());
    PrivateApp adminApp = ports.storePrivateApp(tenant, PermissionSet.all());
    Principal.TenantPrincipal app = ports.signInAs(tenant, adminApp.ref());
    int audited = ports.audit.entries().size();

    for (Principal.TenantPrincipal caller : List.of(admin, app)) {
      assertThatThrownBy(() -> ports.updateUserService().execute(caller, rename(owner.id(), "Taken over", OptionalLong.empty())))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("only the account holder can change the account holder");
      assertThatThrownBy(() -> ports.updateUserService().execute(caller, new UpdateUserCommand(owner.id(), Optional.empty(),
              Optional.of(readOnly.id()), OptionalLong.empty())))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> ports.changeUserStateService().execute(caller, new ChangeUserStateCommand(owner.id(), UserState.DEACTIVATED)))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> ports.changeUserStateService().execute(caller, new ChangeUserStateCommand(owner.id(), UserState.ACTIVE)))
          .isInstanceOf(PermissionDeniedException.class);
      assertThatThrownBy(() -> ports.deleteUserService().execute(caller, new DeleteUserCommand(owner.id())))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessage("only the account holder can delete the account holder");
    }

    assertThat(ports.users.findById(tenant, owner.id())).contains(owner);
    assertThat(ports.audit.entries()).hasSize(audited);
    assertThat(authenticate.authenticate(acme.ownerToken().secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void theAccountHolderChangesTheirOwnNameAndRoleAndKeepsEveryPermission() {
    User renamed = ports.updateUserService().execute(holder, new UpdateUserCommand(owner.id(), Optional.of(new DisplayName("Boss")),
        Optional.of(readOnly.id()), OptionalLong.of(owner.version())));

    assertThat(renamed.accountHolder()).isTrue();
    assertThat(renamed.roleId()).isEqualTo(readOnly.id());
    Principal.TenantPrincipal after = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
    assertThat(after.grants()).isEqualTo(PermissionSet.all());
    assertThat(after.displayName()).isEqualTo("Boss");
    assertThat(ports.audit.entries().getLast().actor()).isEqualTo(owner.ref());
  }

  @Test
  void theAccountHolderCannotDeactivateOrDeleteThemself() {
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(owner.id(), UserState.DEACTIVATED)))
        .isInstanceOf(FailedPreconditionException.class);
    assertThatThrownBy(() -> ports.deleteUserService().execute(holder, new DeleteUserCommand(owner.id())))
        .isInstanceOf(FailedPreconditionException.class);

    assertThat(ports.users.findById(tenant, owner.id())).contains(owner);
    assertThat(ports.audit.entries()).hasSize(audited);
    assertThat(authenticate.authenticate(acme.ownerToken().secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void theAccountHolderHandsTheTitleToAnActiveUser() {
    Role narrow = role(with(SUPPORT, Grant.of(DataModel.USERS, Action.READ)), true);
    ports.updateUserService().execute(holder, new UpdateUserCommand(owner.id(), Optional.empty(), Optional.of(narrow.id()),
        OptionalLong.empty()));
    User heir = newUser(readOnly);
    IssuedToken heirToken = ports.issueToken(tenant, heir.ref());
    Instant later = ports.clock.advance(Duration.ofMinutes(1));

    User promoted = ports.transferAccountHolderService().execute(holder, new TransferAccountHolderCommand(heir.id()));

    assertThat(promoted.accountHolder()).isTrue();
    assertThat(promoted.version()).isEqualTo(heir.version() + 1);
    assertThat(ports.users.findById(tenant, owner.id()).orElseThrow().accountHolder()).isFalse();
    assertThat(ports.users.all().stream().filter(u -> u.tenantId().equals(tenant)).filter(User::accountHolder))
        .containsExactly(promoted);
    // The former holder now has just their role's grants; the new one has every permission.
    assertThat(((Principal.TenantPrincipal) ports.signIn(acme.ownerToken())).grants()).isEqualTo(narrow.grants());
    assertThat(((Principal.TenantPrincipal) ports.signIn(heirToken)).grants()).isEqualTo(PermissionSet.all());
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.ACCOUNT_HOLDER_TRANSFERRED);
    assertThat(entry.target()).isEqualTo(heir.resourceName());
    assertThat(entry.actor()).isEqualTo(owner.ref());
    assertThat(entry.time()).isEqualTo(later);
    assertThat(entry.details()).isEqualTo(Map.of("from", owner.resourceName(), "to", heir.resourceName()));
  }

  @Test
  void afterATransferTheRulesFollowTheTitle() {
    User heir = newUser(support);
    ports.transferAccountHolderService().execute(holder, new TransferAccountHolderCommand(heir.id()));
    Principal.TenantPrincipal former = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
    Principal.TenantPrincipal newHolder = ports.signInAs(tenant, heir.ref());

    assertThat(former.grants()).isEqualTo(PermissionSet.all());
    assertThatThrownBy(() -> ports.changeUserStateService().execute(former, new ChangeUserStateCommand(heir.id(), UserState.DEACTIVATED)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> ports.transferAccountHolderService().execute(former, new TransferAccountHolderCommand(owner.id())))
        .isInstanceOf(PermissionDeniedException.class);

    ports.changeUserStateService().execute(newHolder, new ChangeUserStateCommand(owner.id(), UserState.DEACTIVATED));
    assertThat(authenticate.authenticate(acme.ownerToken().secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
    assertThatThrownBy(() -> ports.deleteUserService().execute(newHolder, new DeleteUserCommand(heir.id()))).isInstanceOf(FailedPreconditionException.class);
  }

  @Test
  void onlyTheAccountHolderTransfersTheTitleWhateverTheCallersGrants() {
    User heir = newUser(support);
    Principal.TenantPrincipal admin = ports.signInAs(tenant, newUser(administrator).ref());
    Principal.TenantPrincipal app = ports.signInAs(tenant, ports.storePrivateApp(tenant, PermissionSet.all()).ref());
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.transferAccountHolderService().execute(admin, new TransferAccountHolderCommand(heir.id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("only the account holder can transfer the title");
    assertThatThrownBy(() -> ports.transferAccountHolderService().execute(app, new TransferAccountHolderCommand(heir.id())))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> ports.transferAccountHolderService().execute(Fixtures.operator(), new TransferAccountHolderCommand(heir.id())))
        .isInstanceOf(PermissionDeniedException.class);

    assertThat(ports.users.findById(tenant, owner.id())).contains(owner);
    assertThat(ports.users.findById(tenant, heir.id())).contains(heir);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void theTitleGoesOnlyToAnotherActiveUserOfTheTenant() {
    User paused = ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(newUser(support).id(), UserState.DEACTIVATED));
    User foreign = ports.createTenant().owner();
    User deleted = newUser(support);
    ports.deleteUserService().execute(holder, new DeleteUserCommand(deleted.id()));
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.transferAccountHolderService().execute(holder, new TransferAccountHolderCommand(paused.id())))
        .isInstanceOf(FailedPreconditionException.class);
    assertThatThrownBy(() -> ports.transferAccountHolderService().execute(holder, new TransferAccountHolderCommand(owner.id())))
        .isInstanceOf(FailedPreconditionException.class);
    assertThatThrownBy(() -> ports.transferAccountHolderService().execute(holder, new TransferAccountHolderCommand(foreign.id()))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.transferAccountHolderService().execute(holder, new TransferAccountHolderCommand(deleted.id()))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.transferAccountHolderService().execute(holder, new TransferAccountHolderCommand(Fixtures.anyUserId())))
        .isInstanceOf(NotFoundException.class);

    assertThat(ports.users.findById(tenant, owner.id())).contains(owner);
    assertThat(ports.users.findById(tenant, paused.id())).contains(paused);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void theHolderActingThroughTheOperatorTransfersTheTitleAndTheAuditNamesBoth() {
    User heir = newUser(support);
    Principal.TenantPrincipal viaOperator = ports.actAs(tenant, owner.id());

    ports.transferAccountHolderService().execute(viaOperator, new TransferAccountHolderCommand(heir.id()));

    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.ACCOUNT_HOLDER_TRANSFERRED);
    assertThat(entry.actor()).isEqualTo(owner.ref());
    assertThat(entry.viaMeans()).contains(new Actor.Operator());
    assertThat(entry.token()).isEmpty();
  }

  private Role role(PermissionSet grants, boolean apiAccess) {
    Role role = Fixtures.role(tenant, grants, apiAccess);
    ports.roles.insert(role);
    return role;
  }

  private User newUser(Role role) {
    return ports.createUserService().execute(holder, create(Fixtures.anyEmail().value(), role.id()));
  }

  private Principal.TenantPrincipal member(PermissionSet grants) {
    return ports.signInAs(tenant, ports.storeMember(tenant, grants, true).ref());
  }

  private static CreateUserCommand create(String email, RoleId role) {
    return new CreateUserCommand(new EmailAddress(email), Fixtures.anyDisplayName(), role);
  }

  private static UpdateUserCommand rename(dev.latchkey.domain.user.UserId id, String name, OptionalLong version) {
    return new UpdateUserCommand(id, Optional.of(new DisplayName(name)), Optional.empty(), version);
  }

  private static PermissionSet with(PermissionSet grants, Grant extra) {
    List<Grant> all = new ArrayList<>(grants.grants());
    all.add(extra);
    return PermissionSet.of(all);
  }

  @Test
  void aManagerWithoutApiAccessCannotAssignARoleThatHasIt() {
    Role integrators = ports.createRoleService().execute(holder,
        new dev.latchkey.application.port.in.CreateRoleCommand(new DisplayName("Integrators"), PermissionSet.none(),
            true));
    User manager = ports.storeMember(tenant, PermissionSet.of(MANAGE_USERS), false);
    Principal.TenantPrincipal signedIn = ports.actAs(tenant, manager.id());

    assertThatThrownBy(() -> ports.createUserService().execute(signedIn, new CreateUserCommand(
        new dev.latchkey.domain.common.EmailAddress("dev@acme.test"), new DisplayName("Dev"), integrators.id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("API access");
  }

  @Test
  void reactivatingAUserWhoseRoleHasApiAccessNeedsApiAccess() {
    Role integrators = ports.createRoleService().execute(holder,
        new dev.latchkey.application.port.in.CreateRoleCommand(new DisplayName("Integrators"), PermissionSet.none(),
            true));
    User integrator = ports.createUserService().execute(holder, new CreateUserCommand(
        new dev.latchkey.domain.common.EmailAddress("int@acme.test"), new DisplayName("Int"), integrators.id()));
    ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(integrator.id(), dev.latchkey.domain.user.UserState.DEACTIVATED));
    User manager = ports.storeMember(tenant, PermissionSet.of(MANAGE_USERS), false);
    Principal.TenantPrincipal withoutAccess = ports.actAs(tenant, manager.id());

    assertThatThrownBy(() -> ports.changeUserStateService().execute(withoutAccess, new ChangeUserStateCommand(integrator.id(), dev.latchkey.domain.user.UserState.ACTIVE)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("API access");
  }
}
