package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.DeleteApiTokenCommand;
import dev.latchkey.application.port.in.GetApiTokenQuery;
import dev.latchkey.application.port.in.ListApiTokensQuery;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.audit.AuditAction;
import dev.latchkey.domain.audit.AuditEntry;
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
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTokenUseCasesTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final AuthenticateTokenService authenticate = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)));
  private final IssuedToken first = ports.issueToken(tenant, app.ref());
  private final IssuedToken second = ports.issueToken(tenant, app.ref());

  @Test
  void aTokenIsReadWithItsMetadataOnly() {
    ApiToken token = ports.getApiTokenService().execute(holder, new GetApiTokenQuery(app.ref(), first.token().id()));

    assertThat(token).isEqualTo(first.token());
    assertThat(token.toString()).doesNotContain(first.secret().reveal());
  }

  @Test
  void anUnknownDeletedOrOtherOwnersTokenIsNotFound() {
    PrivateApp other = ports.storePrivateApp(tenant, PermissionSet.none());
    ports.tokens.delete(tenant, app.ref(), second.token().id(), ports.clock.instant());

    assertThatThrownBy(() -> ports.getApiTokenService().execute(holder, new GetApiTokenQuery(app.ref(), Fixtures.anyApiTokenId())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.getApiTokenService().execute(holder, new GetApiTokenQuery(app.ref(), second.token().id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.getApiTokenService().execute(holder, new GetApiTokenQuery(other.ref(), first.token().id())))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theTokensOfAnAppOfAnotherTenantAreNotFound() {
    TenantId otherTenant = ports.createTenant().tenant().id();
    PrivateApp foreign = ports.storePrivateApp(otherTenant, PermissionSet.none());
    IssuedToken foreignToken = ports.issueToken(otherTenant, foreign.ref());

    assertThatThrownBy(() -> ports.getApiTokenService().execute(holder, new GetApiTokenQuery(foreign.ref(), foreignToken.token().id())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.listApiTokensService().execute(holder, new ListApiTokensQuery(foreign.ref(), new PageQuery(10, ""))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> ports.deleteApiTokenService().execute(holder, new DeleteApiTokenCommand(foreign.ref(), foreignToken.token().id())))
        .isInstanceOf(NotFoundException.class);
    assertThat(authenticate.authenticate(foreignToken.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void anAppsTokensAreListedNewestFirstInPages() {
    List<IssuedToken> more = new ArrayList<>(List.of(first, second));
    more.add(ports.issueToken(tenant, app.ref()));
    ports.issueToken(tenant, ports.storePrivateApp(tenant, PermissionSet.none()).ref());

    Page<ApiToken> page1 = ports.listApiTokensService().execute(holder, new ListApiTokensQuery(app.ref(), new PageQuery(2, "")));
    Page<ApiToken> page2 = ports.listApiTokensService().execute(holder, new ListApiTokensQuery(app.ref(), new PageQuery(2, page1.nextCursor().orElseThrow())));

    assertThat(page1.items()).containsExactly(more.get(2).token(), more.get(1).token());
    assertThat(page2.items()).containsExactly(more.get(0).token());
    assertThat(page2.nextCursor()).isEmpty();
  }

  @Test
  void aPageTokenOfAnotherOwnersListingIsRefused() {
    PrivateApp other = ports.storePrivateApp(tenant, PermissionSet.none());
    ports.issueToken(tenant, other.ref());
    ports.issueToken(tenant, other.ref());
    String otherToken = ports.listApiTokensService().execute(holder, new ListApiTokensQuery(other.ref(), new PageQuery(1, ""))).nextCursor().orElseThrow();

    assertThatThrownBy(() -> ports.listApiTokensService().execute(holder, new ListApiTokensQuery(app.ref(), new PageQuery(1, otherToken))))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_token"));
  }

  @Test
  void deletingATokenLeavesTheOtherTokensWorking() {
    ports.deleteApiTokenService().execute(holder, new DeleteApiTokenCommand(app.ref(), first.token().id()));

    assertThat(authenticate.authenticate(first.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
    assertThat(authenticate.authenticate(second.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
    assertThat(ports.listApiTokensService().execute(holder, new ListApiTokensQuery(app.ref(), new PageQuery(10, ""))).items()).containsExactly(second.token());
  }

  @Test
  void deletingATokenIsAuditedAndASecondDeleteIsNotFound() {
    ports.deleteApiTokenService().execute(holder, new DeleteApiTokenCommand(app.ref(), first.token().id()));
    AuditEntry entry = ports.audit.entries().getLast();
    int auditEntries = ports.audit.entries().size();

    assertThat(entry.action()).isEqualTo(AuditAction.API_TOKEN_DELETED);
    assertThat(entry.target()).isEqualTo(first.token().resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.token()).contains(holder.tokenId());
    assertThat(entry.details()).isEqualTo(Map.of());
    assertThatThrownBy(() -> ports.deleteApiTokenService().execute(holder, new DeleteApiTokenCommand(app.ref(), first.token().id())))
        .isInstanceOf(NotFoundException.class);
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @Test
  void readingAnAppsTokensNeedsReadAndDeletingNeedsDeleteOnPrivateApps() {
    Principal.TenantPrincipal reader = member(PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ)));
    Principal.TenantPrincipal deleter = member(PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.DELETE)));

    assertThat(ports.getApiTokenService().execute(reader, new GetApiTokenQuery(app.ref(), first.token().id()))).isEqualTo(first.token());
    assertThat(ports.listApiTokensService().execute(reader, new ListApiTokensQuery(app.ref(), new PageQuery(10, ""))).items()).hasSize(2);
    assertThatThrownBy(() -> ports.deleteApiTokenService().execute(reader, new DeleteApiTokenCommand(app.ref(), first.token().id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the delete permission on private_apps");
    assertThatThrownBy(() -> ports.getApiTokenService().execute(deleter, new GetApiTokenQuery(app.ref(), first.token().id())))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> ports.listApiTokensService().execute(deleter, new ListApiTokensQuery(app.ref(), new PageQuery(10, ""))))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatCode(() -> ports.deleteApiTokenService().execute(deleter, new DeleteApiTokenCommand(app.ref(), first.token().id()))).doesNotThrowAnyException();
    assertThatThrownBy(() -> ports.getApiTokenService().execute(Fixtures.operator(), new GetApiTokenQuery(app.ref(), second.token().id())))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aMemberManagesTheirOwnTokensWithoutAnyGrant() {
    User member = ports.storeMember(tenant, PermissionSet.none(), true);
    IssuedToken own = ports.issueToken(tenant, member.ref());
    IssuedToken spare = ports.issueToken(tenant, member.ref());
    Principal.TenantPrincipal caller = (Principal.TenantPrincipal) ports.signIn(own);

    assertThat(ports.getApiTokenService().execute(caller, new GetApiTokenQuery(member.ref(), spare.token().id()))).isEqualTo(spare.token());
    assertThat(ports.listApiTokensService().execute(caller, new ListApiTokensQuery(member.ref(), new PageQuery(10, ""))).items()).containsExactly(spare.token(), own.token());
    ports.deleteApiTokenService().execute(caller, new DeleteApiTokenCommand(member.ref(), spare.token().id()));

    assertThat(authenticate.authenticate(spare.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
    assertThat(authenticate.authenticate(own.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void anotherUsersTokensNeedUpdateAndDeleteOnUsers() {
    User member = ports.storeMember(tenant, PermissionSet.none(), true);
    IssuedToken token = ports.issueToken(tenant, member.ref());
    Principal.TenantPrincipal updater = member(PermissionSet.of(Grant.of(DataModel.USERS, Action.READ, Action.UPDATE)));
    Principal.TenantPrincipal admin = member(PermissionSet.of(Grant.of(DataModel.USERS, Action.UPDATE, Action.DELETE)));

    assertThatThrownBy(() -> ports.listApiTokensService().execute(updater, new ListApiTokensQuery(member.ref(), new PageQuery(10, ""))))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> ports.deleteApiTokenService().execute(updater, new DeleteApiTokenCommand(member.ref(), token.token().id())))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(ports.listApiTokensService().execute(admin, new ListApiTokensQuery(member.ref(), new PageQuery(10, ""))).items()).containsExactly(token.token());
    ports.deleteApiTokenService().execute(admin, new DeleteApiTokenCommand(member.ref(), token.token().id()));
    assertThat(authenticate.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void theAccountHoldersTokensAreDeletableByTheAccountHolderAlone() {
    Principal.TenantPrincipal admin = member(PermissionSet.all());
    PrivateApp adminApp = ports.storePrivateApp(tenant, PermissionSet.all());
    Actor.UserRef owner = acme.owner().ref();
    IssuedToken spare = ports.issueToken(tenant, owner);

    assertThat(ports.listApiTokensService().execute(admin, new ListApiTokensQuery(owner, new PageQuery(10, ""))).items()).hasSize(2);
    assertThatThrownBy(() -> ports.deleteApiTokenService().execute(admin, new DeleteApiTokenCommand(owner, acme.ownerToken().token().id())))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("only the account holder can delete the account holder's tokens");
    assertThatThrownBy(() -> ports.deleteApiTokenService().execute(ports.signInAs(tenant, adminApp.ref()), new DeleteApiTokenCommand(owner, spare.token().id())))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(authenticate.authenticate(acme.ownerToken().secret().reveal())).isInstanceOf(TokenCheck.Valid.class);

    ports.deleteApiTokenService().execute(holder, new DeleteApiTokenCommand(owner, spare.token().id()));
    assertThat(authenticate.authenticate(spare.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void theTokensOfAnUnknownUserAreNotFound() {
    Principal.TenantPrincipal admin = member(PermissionSet.all());
    Actor.UserRef nobody = new Actor.UserRef(Fixtures.anyUserId());

    assertThatThrownBy(() -> ports.listApiTokensService().execute(admin, new ListApiTokensQuery(nobody, new PageQuery(10, "")))).isInstanceOf(NotFoundException.class);
  }

  private Principal.TenantPrincipal member(PermissionSet grants) {
    return ports.signInAs(tenant, ports.storeMember(tenant, grants, true).ref());
  }
}
