package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.paging.Page;
import dev.latchkey.application.port.in.CreatedTenant;
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

class ManageApiTokensServiceTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final ManageApiTokensService service = ports.manageApiTokensService();
  private final AuthenticateTokenService authenticate = ports.authenticateTokenService();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final Principal.TenantPrincipal holder = (Principal.TenantPrincipal) ports.signIn(acme.ownerToken());
  private final PrivateApp app = ports.storePrivateApp(tenant, PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ)));
  private final IssuedToken first = ports.issueToken(tenant, app.ref());
  private final IssuedToken second = ports.issueToken(tenant, app.ref());

  @Test
  void aTokenIsReadWithItsMetadataOnly() {
    ApiToken token = service.getApiToken(holder, app.ref(), first.token().id());

    assertThat(token).isEqualTo(first.token());
    assertThat(token.toString()).doesNotContain(first.secret().reveal());
  }

  @Test
  void anUnknownDeletedOrOtherOwnersTokenIsNotFound() {
    PrivateApp other = ports.storePrivateApp(tenant, PermissionSet.none());
    ports.tokens.delete(tenant, app.ref(), second.token().id(), ports.clock.instant());

    assertThatThrownBy(() -> service.getApiToken(holder, app.ref(), Fixtures.anyApiTokenId()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.getApiToken(holder, app.ref(), second.token().id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.getApiToken(holder, other.ref(), first.token().id()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theTokensOfAnAppOfAnotherTenantAreNotFound() {
    TenantId otherTenant = ports.createTenant().tenant().id();
    PrivateApp foreign = ports.storePrivateApp(otherTenant, PermissionSet.none());
    IssuedToken foreignToken = ports.issueToken(otherTenant, foreign.ref());

    assertThatThrownBy(() -> service.getApiToken(holder, foreign.ref(), foreignToken.token().id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.listApiTokens(holder, foreign.ref(), 10, ""))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.deleteApiToken(holder, foreign.ref(), foreignToken.token().id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(authenticate.authenticate(foreignToken.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void anAppsTokensAreListedNewestFirstInPages() {
    List<IssuedToken> more = new ArrayList<>(List.of(first, second));
    more.add(ports.issueToken(tenant, app.ref()));
    ports.issueToken(tenant, ports.storePrivateApp(tenant, PermissionSet.none()).ref());

    Page<ApiToken> page1 = service.listApiTokens(holder, app.ref(), 2, "");
    Page<ApiToken> page2 = service.listApiTokens(holder, app.ref(), 2, page1.nextCursor().orElseThrow());

    assertThat(page1.items()).containsExactly(more.get(2).token(), more.get(1).token());
    assertThat(page2.items()).containsExactly(more.get(0).token());
    assertThat(page2.nextCursor()).isEmpty();
  }

  @Test
  void aPageTokenOfAnotherOwnersListingIsRefused() {
    PrivateApp other = ports.storePrivateApp(tenant, PermissionSet.none());
    ports.issueToken(tenant, other.ref());
    ports.issueToken(tenant, other.ref());
    String otherToken = service.listApiTokens(holder, other.ref(), 1, "").nextCursor().orElseThrow();

    assertThatThrownBy(() -> service.listApiTokens(holder, app.ref(), 1, otherToken))
        .isInstanceOfSatisfying(InvalidArgumentException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("page_token"));
  }

  @Test
  void deletingATokenLeavesTheOtherTokensWorking() {
    service.deleteApiToken(holder, app.ref(), first.token().id());

    assertThat(authenticate.authenticate(first.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
    assertThat(authenticate.authenticate(second.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
    assertThat(service.listApiTokens(holder, app.ref(), 10, "").items()).containsExactly(second.token());
  }

  @Test
  void deletingATokenIsAuditedAndASecondDeleteIsNotFound() {
    service.deleteApiToken(holder, app.ref(), first.token().id());
    AuditEntry entry = ports.audit.entries().getLast();
    int auditEntries = ports.audit.entries().size();

    assertThat(entry.action()).isEqualTo(AuditAction.API_TOKEN_DELETED);
    assertThat(entry.target()).isEqualTo(first.token().resourceName());
    assertThat(entry.actor()).isEqualTo(holder.actor());
    assertThat(entry.token()).contains(holder.tokenId());
    assertThat(entry.details()).isEqualTo(Map.of());
    assertThatThrownBy(() -> service.deleteApiToken(holder, app.ref(), first.token().id()))
        .isInstanceOf(NotFoundException.class);
    assertThat(ports.audit.entries()).hasSize(auditEntries);
  }

  @Test
  void readingAnAppsTokensNeedsReadAndDeletingNeedsDeleteOnPrivateApps() {
    Principal.TenantPrincipal reader = member(PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.READ)));
    Principal.TenantPrincipal deleter = member(PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, Action.DELETE)));

    assertThat(service.getApiToken(reader, app.ref(), first.token().id())).isEqualTo(first.token());
    assertThat(service.listApiTokens(reader, app.ref(), 10, "").items()).hasSize(2);
    assertThatThrownBy(() -> service.deleteApiToken(reader, app.ref(), first.token().id()))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the delete permission on private_apps");
    assertThatThrownBy(() -> service.getApiToken(deleter, app.ref(), first.token().id()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.listApiTokens(deleter, app.ref(), 10, ""))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatCode(() -> service.deleteApiToken(deleter, app.ref(), first.token().id())).doesNotThrowAnyException();
    assertThatThrownBy(() -> service.getApiToken(Fixtures.operator(), app.ref(), second.token().id()))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aMemberManagesTheirOwnTokensWithoutAnyGrant() {
    User member = ports.storeMember(tenant, PermissionSet.none(), true);
    IssuedToken own = ports.issueToken(tenant, member.ref());
    IssuedToken spare = ports.issueToken(tenant, member.ref());
    Principal.TenantPrincipal caller = (Principal.TenantPrincipal) ports.signIn(own);

    assertThat(service.getApiToken(caller, member.ref(), spare.token().id())).isEqualTo(spare.token());
    assertThat(service.listApiTokens(caller, member.ref(), 10, "").items()).containsExactly(spare.token(), own.token());
    service.deleteApiToken(caller, member.ref(), spare.token().id());

    assertThat(authenticate.authenticate(spare.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
    assertThat(authenticate.authenticate(own.secret().reveal())).isInstanceOf(TokenCheck.Valid.class);
  }

  @Test
  void anotherUsersTokensNeedUpdateAndDeleteOnUsers() {
    User member = ports.storeMember(tenant, PermissionSet.none(), true);
    IssuedToken token = ports.issueToken(tenant, member.ref());
    Principal.TenantPrincipal updater = member(PermissionSet.of(Grant.of(DataModel.USERS, Action.READ, Action.UPDATE)));
    Principal.TenantPrincipal admin = member(PermissionSet.of(Grant.of(DataModel.USERS, Action.UPDATE, Action.DELETE)));

    assertThatThrownBy(() -> service.listApiTokens(updater, member.ref(), 10, ""))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> service.deleteApiToken(updater, member.ref(), token.token().id()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(service.listApiTokens(admin, member.ref(), 10, "").items()).containsExactly(token.token());
    service.deleteApiToken(admin, member.ref(), token.token().id());
    assertThat(authenticate.authenticate(token.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void theAccountHoldersTokensAreDeletableByTheAccountHolderAlone() {
    Principal.TenantPrincipal admin = member(PermissionSet.all());
    PrivateApp adminApp = ports.storePrivateApp(tenant, PermissionSet.all());
    Actor.UserRef owner = acme.owner().ref();
    IssuedToken spare = ports.issueToken(tenant, owner);

    assertThat(service.listApiTokens(admin, owner, 10, "").items()).hasSize(2);
    assertThatThrownBy(() -> service.deleteApiToken(admin, owner, acme.ownerToken().token().id()))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("only the account holder can delete the account holder's tokens");
    assertThatThrownBy(() -> service.deleteApiToken(ports.signInAs(tenant, adminApp.ref()), owner, spare.token().id()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(authenticate.authenticate(acme.ownerToken().secret().reveal())).isInstanceOf(TokenCheck.Valid.class);

    service.deleteApiToken(holder, owner, spare.token().id());
    assertThat(authenticate.authenticate(spare.secret().reveal())).isEqualTo(new TokenCheck.Unknown());
  }

  @Test
  void theTokensOfAnUnknownUserAreNotFound() {
    Principal.TenantPrincipal admin = member(PermissionSet.all());
    Actor.UserRef nobody = new Actor.UserRef(Fixtures.anyUserId());

    assertThatThrownBy(() -> service.listApiTokens(admin, nobody, 10, "")).isInstanceOf(NotFoundException.class);
  }

  private Principal.TenantPrincipal member(PermissionSet grants) {
    return ports.signInAs(tenant, ports.storeMember(tenant, grants, true).ref());
  }
}
