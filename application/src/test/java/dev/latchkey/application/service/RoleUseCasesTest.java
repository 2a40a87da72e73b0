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
import dev.latchkey.application.port.in.GetRoleQuery;
import dev.latchkey.application.port.in.ListRolesQuery;
import dev.latchkey.application.port.in.ListUsersQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.port.in.UpdateRoleCommand;
import dev.latchkey.application.port.in.UpdateUserCommand;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.common.DisplayName;
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
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RoleUseCasesTest {
  private static final PermissionSet SUPPORT = PermissionSet.of(
      Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE), Grant.of(DataModel.COMPANIES, Action.READ));
  private static final PermissionSet READ_COMPANIES = PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final AuthenticateTokenService authenticate = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final List<Role> defaults = ports.roles.ofTenant(tenant);

  @Test
  void aCreatedRoleIsStoredAtVersionOneAndAudited() {
    Instant now = ports.clock.advance(Duration.ofMinutes(1));

    Role role = ports.createRoleService().execute(holder, new CreateRoleCommand(new DisplayName("Support"), SUPPORT, true));

    assertThat(role.tenantId()).isEqualTo(tenant);
    assertThat(role.displayName()).isEqualTo(new DisplayName("Support"));
    assertThat(role.grants()).isEqualTo(SUPPORT);
    assertThat(role.apiAccess()).isTrue();
    assertThat(role.version()).isEqualTo(1);
    assertThat(role.createTime()).isEqualTo(now);
    assertThat(role.updateTime()).isEqualTo(now);
    assertThat(ports.roles.findById(tenant, role.id())).contains(role);
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.ROLE_CREATED);
    assertThat(entry.tenantId()).isEqualTo(tenant);
    assertThat(entry.target()).isEqualTo(role.resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.token()).contains(holder.tokenId());
    assertThat(entry.viaMeans()).isEmpty();
    assertThat(entry.time()).isEqualTo(now);
    assertThat(entry.details()).isEqualTo(Map.of(
        "display_name", "Support", "grants", "companies:read; tickets:read,update", "api_access", "true"));
  }

  @Test
  void nobodyCreatesARoleWithGrantsTheyDoNotHold() {
    Principal.TenantPrincipal roleAdmin =
        member(with(READ_COMPANIES, Grant.of(DataModel.ROLES, Action.CREATE, Action.READ)));
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.createRoleService().execute(roleAdmin, new CreateRoleCommand(new DisplayName("Support"),
            SUPPORT, false)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("you cannot give permissions you do not hold yourself: tickets read, tickets update");
    assertThatThrownBy(() -> ports.createRoleService().execute(roleAdmin, new CreateRoleCommand(new DisplayName("Boss"),
            PermissionSet.all(), true)))
        .isInstanceOf(PermissionDeniedException.class);

    assertThat(ports.roles.ofTenant(tenant)).hasSize(defaults.size() + 1);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void aCallerMayCreateARoleWithinTheirOwnGrants() {
    Principal.TenantPrincipal roleAdmin = member(with(SUPPORT, Grant.of(DataModel.ROLES, Action.CREATE)));

    Role role = ports.createRoleService().execute(roleAdmin, new CreateRoleCommand(new DisplayName("Readers"), READ_COMPANIES,
        false));

    assertThat(ports.roles.findById(tenant, role.id())).contains(role);
    assertThat(ports.audit.entries().getLast().actor()).isEqualTo(roleAdmin.actor());
  }

  @Test
  void creatingARoleNeedsCreateOnRoles() {
    Principal.TenantPrincipal reader = member(with(SUPPORT, Grant.of(DataModel.ROLES, Action.READ)));
    CreateRoleCommand command = new CreateRoleCommand(new DisplayName("Empty"), PermissionSet.none(), false);

    assertThatThrownBy(() -> ports.createRoleService().execute(reader, command))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the create permission on roles");
    assertThatThrownBy(() -> ports.createRoleService().execute(Fixtures.operator(), command))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.roles.ofTenant(tenant)).hasSize(defaults.size() + 1);
  }

  @Test
  void aRoleIsReadInItsOwnTenantOnly() {
    Role role = newRole(SUPPORT, true);
    TenantId otherTenant = ports.createTenant().tenant().id();
    Role foreign = ports.roles.ofTenant(otherTenant).getFirst();

    assertThat(ports.getRoleService().execute(holder, new GetRoleQuery(role.id()))).isEqualTo(role);
    assertThatThrownBy(() -> ports.getRoleService().execute(holder, new GetRoleQuery(foreign.id())))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("roles/" + foreign.id() + " not found");
    assertThatThrownBy(() -> ports.getRoleService().execute(holder, new GetRoleQuery(Fixtures.anyRoleId()))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void readingRolesNeedsReadOnRoles() {
    Principal.TenantPrincipal blind = member(SUPPORT);
    Role role = defaults.getFirst();

    assertThatThrownBy(() -> ports.getRoleService().execute(blind, new GetRoleQuery(role.id()))).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> ports.listRolesService().execute(blind, new ListRolesQuery(new PageQuery(10, "")))).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> ports.getRoleService().execute(Fixtures.operator(), new GetRoleQuery(role.id())))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void rolesAreListedOldestFirstWithTheDefaultsLeadingInPages() {
    Role support = newRole(SUPPORT, true);
    Role readers = newRole(READ_COMPANIES, false);
    ports.createTenant();

    Page<Role> first = ports.listRolesService().execute(holder, new ListRolesQuery(new PageQuery(2, "")));
    Page<Role> second = ports.listRolesService().execute(holder, new ListRolesQuery(new PageQuery(2, first.nextCursor().orElseThrow())));

    assertThat(first.items()).containsExactly(defaults.get(0), defaults.get(1));
    assertThat(first.items().getFirst().displayName()).isEqualTo(new DisplayName("Administrator"));
    assertThat(second.items()).containsExactly(support, readers);
    assertThat(second.nextCursor()).isEmpty();
  }

  @Test
  void aPageTokenOfAnotherListingIsRefused() {
    ports.storeMember(tenant, PermissionSet.none(), false);
    String usersToken = ports.listUsersService()
        .execute(holder, new ListUsersQuery(new PageQuery(1, ""), Optional.empty(), Optional.empty()))
        .nextCursor().orElseThrow();

    assertThatThrownBy(() -> ports.listRolesService().execute(holder, new ListRolesQuery(new PageQuery(1, usersToken))))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_token"));
  }

  @Test
  void anUpdateChangesTheGivenFieldsInOneVersionStepAndIsAudited() {
    Role role = newRole(SUPPORT, false);
    Instant later = ports.clock.advance(Duration.ofMinutes(5));

    Role updated = ports.updateRoleService().execute(holder, new UpdateRoleCommand(role.id(),
        Optional.of(new DisplayName("Helpdesk")), Optional.of(READ_COMPANIES), Optional.of(true),
        OptionalLong.of(role.version())));

    assertThat(updated).isEqualTo(new Role(tenant, role.id(), new DisplayName("Helpdesk"), READ_COMPANIES, true,
        role.createTime(), later, role.version() + 1));
    assertThat(ports.roles.findById(tenant, role.id())).contains(updated);
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.ROLE_UPDATED);
    assertThat(entry.target()).isEqualTo(role.resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.time()).isEqualTo(later);
    assertThat(entry.details()).isEqualTo(Map.of(
        "display_name", "Helpdesk", "grants", "companies:read", "api_access", "true"));
  }

  @Test
  void onlyTheChangedFieldsAreAudited() {
    Role role = newRole(SUPPORT, false);

    ports.updateRoleService().execute(holder, new UpdateRoleCommand(role.id(), Optional.of(role.displayName()),
        Optional.of(SUPPORT), Optional.of(true), OptionalLong.empty()));

    assertThat(ports.audit.entries().getLast().details()).isEqualTo(Map.of("api_access", "true"));
  }

  @Test
  void anUpdateThatChangesNothingKeepsTheVersionAndIsNotAudited() {
    Role role = newRole(SUPPORT, true);
    int audited = ports.audit.entries().size();

    Role same = ports.updateRoleService().execute(holder, new UpdateRoleCommand(role.id(), Optional.of(role.displayName()),
        Optional.of(SUPPORT), Optional.of(true), OptionalLong.of(role.version())));

    assertThat(same).isEqualTo(role);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void aStaleEtagIsAConflictAndChangesNothing() {
    Role role = newRole(SUPPORT, true);
    Role renamed = ports.updateRoleService().execute(holder, rename(role.id(), "First", OptionalLong.of(role.version())));
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.updateRoleService().execute(holder, rename(role.id(), "Second", OptionalLong.of(role.version()))))
        .isInstanceOf(ConflictException.class);

    assertThat(ports.roles.findById(tenant, role.id())).contains(renamed);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void aChangeByAnotherCallerBetweenReadAndWriteIsAConflict() {
    Role role = newRole(SUPPORT, true);
    Role concurrent = role.withApiAccess(false, ports.clock.instant());
    ports.roles.beforeNextUpdate(() -> ports.roles.update(concurrent));
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.updateRoleService().execute(holder, rename(role.id(), "Mine", OptionalLong.empty())))
        .isInstanceOf(ConflictException.class);

    assertThat(ports.roles.findById(tenant, role.id())).contains(role);
    assertThat(ports.audit.entries()).hasSize(audited);
  }

  @Test
  void nobodyGivesARoleGrantsTheyDoNotHold() {
    Principal.TenantPrincipal roleAdmin = member(with(READ_COMPANIES, Grant.of(DataModel.ROLES, Action.UPDATE)));
    Role role = newRole(READ_COMPANIES, false);

    assertThatThrownBy(() -> ports.updateRoleService().execute(roleAdmin, new UpdateRoleCommand(role.id(), Optional.empty(),
            Optional.of(SUPPORT), Optional.empty(), OptionalLong.empty())))
        .isInstanceOf(PermissionDeniedException.class);

    assertThat(ports.roles.findById(tenant, role.id())).contains(role);
  }

  @Test
  void aRoleAdminCannotRaiseTheirOwnRole() {
    Role own = newRole(with(READ_COMPANIES, Grant.of(DataModel.ROLES, Action.UPDATE)), true);
    User roleAdmin = storeUser(own);
    Principal.TenantPrincipal caller = ports.signInAs(tenant, roleAdmin.ref());

    assertThatThrownBy(() -> ports.updateRoleService().execute(caller, new UpdateRoleCommand(own.id(), Optional.empty(),
            Optional.of(PermissionSet.all()), Optional.empty(), OptionalLong.empty())))
        .isInstanceOf(PermissionDeniedException.class);

    assertThat(ports.roles.findById(tenant, own.id())).contains(own);
  }

  @Test
  void updatingARoleOfAnotherTenantOrAnUnknownOneIsNotFound() {
    Role foreign = ports.roles.ofTenant(ports.createTenant().tenant().id()).getLast();

    assertThatThrownBy(() -> ports.updateRoleService().execute(holder, rename(foreign.id(), "Mine", OptionalLong.empty())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.updateRoleService().execute(holder, rename(Fixtures.anyRoleId(), "Mine", OptionalLong.empty())))
        .isInstanceOf(NotFoundException.class);
    assertThat(ports.roles.findById(foreign.tenantId(), foreign.id())).contains(foreign);
  }

  @Test
  void updatingNeedsUpdateOnRoles() {
    Principal.TenantPrincipal creator = member(with(SUPPORT, Grant.of(DataModel.ROLES, Action.CREATE, Action.READ)));
    Role role = newRole(SUPPORT, true);

    assertThatThrownBy(() -> ports.updateRoleService().execute(creator, rename(role.id(), "Mine", OptionalLong.empty())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the update permission on roles");
  }

  @Test
  void aRoleChangeTakesEffectOnTheMembersNextTokenCheck() {
    Role role = newRole(SUPPORT, true);
    IssuedToken token = ports.issueToken(tenant, storeUser(role).ref());
    assertThat(((Principal.TenantPrincipal) ports.signIn(token)).grants()).isEqualTo(SUPPORT);

    ports.updateRoleService().execute(holder, new UpdateRoleCommand(role.id(), Optional.empty(), Optional.of(READ_COMPANIES),
        Optional.empty(), OptionalLong.empty()));

    assertThat(((Principal.TenantPrincipal) ports.signIn(token)).grants()).isEqualTo(READ_COMPANIES);
  }

  @Test
  void removingApiAccessStopsTheMembersTokensUntilItIsGivenBack() {
    Role role = newRole(SUPPORT, true);
    User member = storeUser(role);
    IssuedToken token = ports.issueToken(tenant, member.ref());

    ports.updateRoleService().execute(holder, apiAccess(role.id(), false));
    assertThat(authenticate.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
    assertThat(ports.tokens.findById(tenant, member.ref(), token.token().id())).isPresent();

    ports.updateRoleService().execute(holder, apiAccess(role.id(), true));
    assertThat(authenticate.authenticate(token.secret().reveal())).isInstanceOfSatisfying(TokenCheck.Valid.class,
        valid -> assertThat(valid.principal().actor()).isEqualTo(member.ref()));
  }

  @Test
  void theAccountHoldersTokensKeepWorkingWhenTheirRoleLosesApiAccess() {
    ports.updateRoleService().execute(holder, apiAccess(acme.owner().roleId(), false));

    assertThat(((Principal.TenantPrincipal) ports.signIn(acme.ownerToken())).grants()).isEqualTo(PermissionSet.all());
  }

  @Test
  void aRoleStillAssignedToUsersCannotBeDeletedAndNothingChanges() {
    Role role = newRole(SUPPORT, true);
    User member = storeUser(role);
    IssuedToken token = ports.issueToken(tenant, member.ref());
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.deleteRoleService().execute(holder, new DeleteRoleCommand(role.id())))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining(role.resourceName());

    assertThat(ports.roles.findById(tenant, role.id())).contains(role);
    assertThat(ports.roles.deleteTime(role.id())).isEmpty();
    assertThat(ports.audit.entries()).hasSize(audited);
    assertThat(authenticate.authenticate(token.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void aDeactivatedHolderStillKeepsTheRoleInUse() {
    Role role = newRole(SUPPORT, true);
    User member = storeUser(role);
    ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(member.id(), dev.latchkey.domain.user.UserState.DEACTIVATED));

    assertThatThrownBy(() -> ports.deleteRoleService().execute(holder, new DeleteRoleCommand(role.id()))).isInstanceOf(FailedPreconditionException.class);
    assertThat(ports.roles.findById(tenant, role.id())).contains(role);
  }

  @Test
  void theAdministratorRoleOfTheAccountHolderCannotBeDeleted() {
    assertThatThrownBy(() -> ports.deleteRoleService().execute(holder, new DeleteRoleCommand(acme.owner().roleId())))
        .isInstanceOf(FailedPreconditionException.class);
  }

  @Test
  void aRoleIsDeletedOnceNobodyHoldsItAnyMore() {
    Role role = newRole(SUPPORT, true);
    Role other = newRole(READ_COMPANIES, true);
    User moved = storeUser(role);
    User gone = storeUser(role);
    ports.updateUserService().execute(holder, new UpdateUserCommand(moved.id(), Optional.empty(),
        Optional.of(other.id()), OptionalLong.empty()));
    ports.deleteUserService().execute(holder, new DeleteUserCommand(gone.id()));
    Instant later = ports.clock.advance(Duration.ofMinutes(1));

    ports.deleteRoleService().execute(holder, new DeleteRoleCommand(role.id()));

    assertThat(ports.roles.deleteTime(role.id())).contains(later);
    assertThatThrownBy(() -> ports.getRoleService().execute(holder, new GetRoleQuery(role.id()))).isInstanceOf(NotFoundException.class);
    assertThat(ports.listRolesService().execute(holder, new ListRolesQuery(new PageQuery(10, ""))).items()).extracting(Role::id).doesNotContain(role.id());
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.ROLE_DELETED);
    assertThat(entry.target()).isEqualTo(role.resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.time()).isEqualTo(later);
    assertThatThrownBy(() -> ports.deleteRoleService().execute(holder, new DeleteRoleCommand(role.id()))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.updateRoleService().execute(holder, rename(role.id(), "Back", OptionalLong.empty())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aDeletedRoleCannotBeGivenToAUser() {
    Role role = newRole(SUPPORT, true);
    ports.deleteRoleService().execute(holder, new DeleteRoleCommand(role.id()));

    assertThatThrownBy(() -> ports.createUserService().execute(holder, new CreateUserCommand(
            Fixtures.anyEmail(), Fixtures.anyDisplayName(), role.id())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aRoleOfAnotherTenantCannotBeDeleted() {
    TenantId otherTenant = ports.createTenant().tenant().id();
    Role foreign = ports.roles.ofTenant(otherTenant).getLast();

    assertThatThrownBy(() -> ports.deleteRoleService().execute(holder, new DeleteRoleCommand(foreign.id()))).isInstanceOf(NotFoundException.class);
    assertThat(ports.roles.findById(otherTenant, foreign.id())).contains(foreign);
  }

  @Test
  void deletingNeedsDeleteOnRoles() {
    Principal.TenantPrincipal updater = member(with(SUPPORT, Grant.of(DataModel.ROLES, Action.UPDATE)));
    Role role = newRole(SUPPORT, true);

    assertThatThrownBy(() -> ports.deleteRoleService().execute(updater, new DeleteRoleCommand(role.id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the delete permission on roles");
    assertThat(ports.roles.findById(tenant, role.id())).contains(role);
  }

  @Test
  void aChangeMadeThroughTheOperatorIsAuditedAsTheUsersWithTheOperatorAsMeans() {
    Principal.TenantPrincipal viaOperator = ports.actAs(tenant, acme.owner().id());

    Role role = ports.createRoleService().execute(viaOperator, new CreateRoleCommand(new DisplayName("Support"), SUPPORT, true));

    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.target()).isEqualTo(role.resourceName());
    assertThat(entry.actor()).isEqualTo(acme.owner().ref());
    assertThat(entry.viaMeans()).contains(new Actor.Operator());
    assertThat(entry.token()).isEmpty();
  }

  private Role newRole(PermissionSet grants, boolean apiAccess) {
    return ports.createRoleService().execute(holder, new CreateRoleCommand(Fixtures.anyDisplayName(), grants, apiAccess));
  }

  private User storeUser(Role role) {
    User user = Fixtures.member(tenant, role.id());
    ports.users.insert(user);
    return user;
  }

  private Principal.TenantPrincipal member(PermissionSet grants) {
    return ports.signInAs(tenant, ports.storeMember(tenant, grants, true).ref());
  }

  private static UpdateRoleCommand rename(RoleId id, String name, OptionalLong version) {
    return new UpdateRoleCommand(id, Optional.of(new DisplayName(name)), Optional.empty(), Optional.empty(),
        version);
  }

  private static UpdateRoleCommand apiAccess(RoleId id, boolean access) {
    return new UpdateRoleCommand(id, Optional.empty(), Optional.empty(), Optional.of(access), OptionalLong.empty());
  }

  private static PermissionSet with(PermissionSet grants, Grant extra) {
    java.util.List<Grant> all = new java.util.ArrayList<>(grants.grants());
    all.add(extra);
    return PermissionSet.of(all);
  }

  @Test
  void onlyACallerWithApiAccessMayGiveApiAccess() {
    PermissionSet roleAdmin = PermissionSet.of(Grant.of(DataModel.ROLES, Action.READ, Action.CREATE, Action.UPDATE));
    User withoutAccess = ports.storeMember(acme.tenant().id(), roleAdmin, false);
    User withAccess = ports.storeMember(acme.tenant().id(), roleAdmin, true);
    Principal.TenantPrincipal signedInWithout = ports.actAs(acme.tenant().id(), withoutAccess.id());
    Principal.TenantPrincipal signedInWith = ports.actAs(acme.tenant().id(), withAccess.id());
    var command = new CreateRoleCommand(new DisplayName("Integrators"), PermissionSet.none(), true);

    assertThatThrownBy(() -> ports.createRoleService().execute(signedInWithout, command))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("API access");
    Role role = ports.createRoleService().execute(signedInWith, command);
    Role plain = ports.createRoleService().execute(signedInWithout,
        new CreateRoleCommand(new DisplayName("Plain"), PermissionSet.none(), false));
    assertThatThrownBy(() -> ports.updateRoleService().execute(signedInWithout, new UpdateRoleCommand(plain.id(), Optional.empty(),
        Optional.empty(), Optional.of(true), OptionalLong.empty())))
        .isInstanceOf(PermissionDeniedException.class);
    // Taking API access away needs no API access.
    assertThat(ports.updateRoleService().execute(signedInWithout, new UpdateRoleCommand(role.id(), Optional.empty(),
        Optional.empty(), Optional.of(false), OptionalLong.empty())).apiAccess()).isFalse();
  }

  @Test
  void switchingApiAccessOnNeedsTheRolesGrantsBecauseItsMembersCouldMintTokensWithThem() {
    Role finance = ports.createRoleService().execute(holder, new CreateRoleCommand(new DisplayName("Finance"),
        PermissionSet.of(Grant.of(DataModel.INVOICES, Action.READ, Action.CREATE, Action.UPDATE, Action.DELETE)), false));
    User roleAdmin = ports.storeMember(tenant,
        PermissionSet.of(Grant.of(DataModel.ROLES, Action.READ, Action.UPDATE)), true);
    Principal.TenantPrincipal caller = ports.actAs(tenant, roleAdmin.id());

    assertThatThrownBy(() -> ports.updateRoleService().execute(caller, new UpdateRoleCommand(finance.id(), Optional.empty(),
        Optional.empty(), Optional.of(true), OptionalLong.empty())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("invoices");
    assertThat(ports.roles.findById(tenant, finance.id()).orElseThrow().apiAccess()).isFalse();
  }

  @Test
  void wideningTheGrantsOfARoleWithApiAccessNeedsApiAccessLikeSwitchingItOn() {
    // Its members could mint tokens with the new grants at once.
    Role integrators = ports.createRoleService().execute(holder, new CreateRoleCommand(new DisplayName("Integrators"),
        READ_COMPANIES, true));
    PermissionSet roleAdmin = with(SUPPORT, Grant.of(DataModel.ROLES, Action.READ, Action.UPDATE));
    Principal.TenantPrincipal withoutAccess = ports.actAs(tenant, ports.storeMember(tenant, roleAdmin, false).id());
    Principal.TenantPrincipal withAccess = ports.actAs(tenant, ports.storeMember(tenant, roleAdmin, true).id());
    var widen = new UpdateRoleCommand(integrators.id(), Optional.empty(), Optional.of(SUPPORT), Optional.empty(),
        OptionalLong.empty());
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> ports.updateRoleService().execute(withoutAccess, widen))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("API access");
    assertThat(ports.roles.findById(tenant, integrators.id()).orElseThrow().grants()).isEqualTo(READ_COMPANIES);
    assertThat(ports.audit.entries()).hasSize(audited);

    assertThat(ports.updateRoleService().execute(withAccess, widen).grants()).isEqualTo(SUPPORT);
  }

  @Test
  void narrowingOrRenamingARoleWithApiAccessNeedsNoApiAccess() {
    Role integrators = ports.createRoleService().execute(holder, new CreateRoleCommand(new DisplayName("Integrators"),
        SUPPORT, true));
    Principal.TenantPrincipal withoutAccess = ports.actAs(tenant,
        ports.storeMember(tenant, with(SUPPORT, Grant.of(DataModel.ROLES, Action.READ, Action.UPDATE)), false).id());

    Role narrowed = ports.updateRoleService().execute(withoutAccess, new UpdateRoleCommand(integrators.id(),
        Optional.of(new DisplayName("Readers")), Optional.of(READ_COMPANIES), Optional.empty(), OptionalLong.empty()));

    assertThat(narrowed.grants()).isEqualTo(READ_COMPANIES);
    assertThat(narrowed.displayName()).isEqualTo(new DisplayName("Readers"));
  }

  @Test
  void renamingARoleIsAuditedButAnnouncesNoCredentialChange() {
    Role role = ports.createRoleService().execute(holder, new CreateRoleCommand(new DisplayName("Support"), SUPPORT, true));
    int announced = ports.credentialChanges.announced().size();

    ports.updateRoleService().execute(holder, rename(role.id(), "Agents", OptionalLong.empty()));
    assertThat(ports.audit.entries().getLast().details()).isEqualTo(Map.of("display_name", "Agents"));
    assertThat(ports.credentialChanges.announced()).hasSize(announced);

    ports.updateRoleService().execute(holder, apiAccess(role.id(), false));
    assertThat(ports.credentialChanges.announced()).hasSize(announced + 1);
  }
}
