package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.ChangeUserStateCommand;
import dev.latchkey.application.port.in.CreateApiTokenCommand;
import dev.latchkey.application.port.in.CreateRoleCommand;
import dev.latchkey.application.port.in.CreateUserCommand;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.DeleteApiTokenCommand;
import dev.latchkey.application.port.in.ListApiTokensQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.application.port.in.UpdateRoleCommand;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.user.User;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Personal access tokens as the issue tells them: people act through the operator ({@code
 * latchkey-act-as}) or their own token, and manage users, roles and tokens with the real services.
 */
class PersonalAccessTokensTest {
  private static final DisplayName NAME = new DisplayName("CLI");

  private final InMemoryPorts ports = new InMemoryPorts();
  private final CreateApiTokenService create = ports.createApiTokenService();
  private final AuthenticateTokenService authenticate = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final User owner = acme.owner();
  private final Principal.TenantPrincipal holder = ports.actAs(tenant, owner.id());
  private final Role member = ports.roles.ofTenant(tenant).get(1);
  private final Role userManagers = ports.createRoleService().execute(holder, new CreateRoleCommand(new DisplayName("User managers"),
      PermissionSet.of(Grant.of(DataModel.USERS, Action.READ, Action.UPDATE, Action.DELETE)), true));

  @Test
  void aMemberWithoutApiAccessIsRefusedATokenGetsOneOnceTheRoleAllowsAndLosesItsUseWhenItStops() {
    User ada = newUser(member);
    int audited = ports.audit.entries().size();

    assertThatThrownBy(() -> create.execute(ports.actAs(tenant, ada.id()), new CreateApiTokenCommand(ada.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.tokens.countByOwner(tenant, ada.ref())).isZero();
    assertThat(ports.audit.entries()).hasSize(audited);

    ports.updateRoleService().execute(holder, apiAccess(member, true));
    IssuedToken token = create.execute(ports.actAs(tenant, ada.id()), new CreateApiTokenCommand(ada.ref(), NAME));

    assertThat(token.secret().reveal()).startsWith("lkp_");
    Principal.TenantPrincipal viaToken = (Principal.TenantPrincipal) ports.signIn(token);
    assertThat(viaToken.actor()).isEqualTo(ada.ref());
    assertThat(viaToken.grants()).isEqualTo(member.grants());
    assertThat(viaToken.viaMeans()).isEmpty();

    ports.updateRoleService().execute(holder, apiAccess(member, false));
    assertThat(authenticate.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
    assertThatThrownBy(() -> create.execute(ports.actAs(tenant, ada.id()), new CreateApiTokenCommand(ada.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aTokenCreatedThroughTheOperatorIsTheUsersAndAuditedAsSuch() {
    IssuedToken token = create.execute(holder, new CreateApiTokenCommand(owner.ref(), NAME));

    assertThat(token.token().owner()).isEqualTo(owner.ref());
    assertThat(token.token().creator()).isEqualTo(owner.ref());
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.API_TOKEN_CREATED);
    assertThat(entry.actor()).isEqualTo(owner.ref());
    assertThat(entry.viaMeans()).contains(new Actor.Operator());
    assertThat(entry.token()).isEmpty();
    assertThat(entry.toString()).doesNotContain(token.secret().reveal());
  }

  @Test
  void aUserManagerListsAndDeletesAMembersLeakedToken() {
    User ada = newUser(withApi());
    IssuedToken leaked = create.execute(ports.actAs(tenant, ada.id()), new CreateApiTokenCommand(ada.ref(), NAME));
    IssuedToken kept = create.execute(ports.actAs(tenant, ada.id()), new CreateApiTokenCommand(ada.ref(), NAME));
    User manager = newUser(userManagers);
    Principal.TenantPrincipal viaOperator = ports.actAs(tenant, manager.id());

    assertThat(ports.listApiTokensService().execute(viaOperator, new ListApiTokensQuery(ada.ref(), new PageQuery(10, ""))).items()).extracting(ApiToken::id)
        .containsExactlyInAnyOrder(leaked.token().id(), kept.token().id());
    ports.deleteApiTokenService().execute(viaOperator, new DeleteApiTokenCommand(ada.ref(), leaked.token().id()));

    assertThat(authenticate.authenticate(leaked.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
    assertThat(authenticate.authenticate(kept.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
    AuditEntry entry = ports.audit.entries().getLast();
    assertThat(entry.action()).isEqualTo(AuditAction.API_TOKEN_DELETED);
    assertThat(entry.target()).isEqualTo(leaked.token().resourceName());
    assertThat(entry.actor()).isEqualTo(manager.ref());
    assertThat(entry.viaMeans()).contains(new Actor.Operator());
  }

  @Test
  void aUserManagerWithTheirOwnTokenDeletesAMembersToken() {
    User ada = newUser(withApi());
    IssuedToken leaked = create.execute(ports.actAs(tenant, ada.id()), new CreateApiTokenCommand(ada.ref(), NAME));
    User manager = newUser(userManagers);
    Principal.TenantPrincipal viaToken = (Principal.TenantPrincipal) ports.signIn(
        create.execute(ports.actAs(tenant, manager.id()), new CreateApiTokenCommand(manager.ref(), NAME)));

    ports.deleteApiTokenService().execute(viaToken, new DeleteApiTokenCommand(ada.ref(), leaked.token().id()));

    assertThat(authenticate.authenticate(leaked.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
    assertThat(ports.audit.entries().getLast().token()).contains(viaToken.tokenId());
  }

  @Test
  void aUserManagerCannotDeleteTheAccountHoldersToken() {
    User manager = newUser(userManagers);
    Principal.TenantPrincipal viaOperator = ports.actAs(tenant, manager.id());
    int audited = ports.audit.entries().size();

    assertThat(ports.listApiTokensService().execute(viaOperator, new ListApiTokensQuery(owner.ref(), new PageQuery(10, ""))).items())
        .extracting(ApiToken::id).containsExactly(acme.ownerToken().token().id());
    assertThatThrownBy(() -> ports.deleteApiTokenService().execute(viaOperator, new DeleteApiTokenCommand(owner.ref(), acme.ownerToken().token().id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("only the account holder can delete the account holder's tokens");

    assertThat(authenticate.authenticate(acme.ownerToken().secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
    assertThat(ports.audit.entries()).hasSize(audited);
    ports.deleteApiTokenService().execute(holder, new DeleteApiTokenCommand(owner.ref(), acme.ownerToken().token().id()));
    assertThat(authenticate.authenticate(acme.ownerToken().secret().reveal())).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void withoutDeleteOnUsersNobodyManagesAnotherUsersTokens() {
    User ada = newUser(withApi());
    IssuedToken token = create.execute(ports.actAs(tenant, ada.id()), new CreateApiTokenCommand(ada.ref(), NAME));
    Role updaters = ports.createRoleService().execute(holder, new CreateRoleCommand(new DisplayName("Updaters"),
        PermissionSet.of(Grant.of(DataModel.USERS, Action.READ, Action.UPDATE)), true));
    Principal.TenantPrincipal updater = ports.actAs(tenant, newUser(updaters).id());

    assertThatThrownBy(() -> ports.listApiTokensService().execute(updater, new ListApiTokensQuery(ada.ref(), new PageQuery(10, ""))))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> ports.deleteApiTokenService().execute(updater, new DeleteApiTokenCommand(ada.ref(), token.token().id())))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(authenticate.authenticate(token.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void nobodyCreatesATokenForAnotherUserNotEvenTheAccountHolder() {
    User ada = newUser(withApi());
    User manager = newUser(userManagers);

    assertThatThrownBy(() -> create.execute(ports.actAs(tenant, manager.id()), new CreateApiTokenCommand(ada.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("personal access tokens can only be created by their owner");
    assertThatThrownBy(() -> create.execute(holder, new CreateApiTokenCommand(ada.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> create.execute(ports.actAs(tenant, ada.id()), new CreateApiTokenCommand(owner.ref(), NAME)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.tokens.countByOwner(tenant, ada.ref())).isZero();
    assertThat(ports.tokens.countByOwner(tenant, owner.ref())).isEqualTo(1);
  }

  @Test
  void deactivatingAUserStopsTheirTokensOnTheNextCallAndActingForThemToo() {
    User ada = newUser(withApi());
    IssuedToken token = create.execute(ports.actAs(tenant, ada.id()), new CreateApiTokenCommand(ada.ref(), NAME));

    ports.changeUserStateService().execute(holder, new ChangeUserStateCommand(ada.id(), dev.latchkey.domain.user.UserState.DEACTIVATED));

    assertThat(authenticate.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.OwnerInactive());
    assertThat(authenticate.actAs(Fixtures.operator(), tenant, ada.id())).isEqualTo(new TokenCheck.OwnerInactive());
  }

  private Role withApi() {
    return ports.createRoleService().execute(holder, new CreateRoleCommand(Fixtures.anyDisplayName(),
        PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)), true));
  }

  private User newUser(Role role) {
    return ports.createUserService().execute(holder, new CreateUserCommand(Fixtures.anyEmail(), Fixtures.anyDisplayName(), role.id()));
  }

  private UpdateRoleCommand apiAccess(Role role, boolean access) {
    return new UpdateRoleCommand(role.id(), Optional.empty(), Optional.empty(), Optional.of(access),
        OptionalLong.empty());
  }
}
