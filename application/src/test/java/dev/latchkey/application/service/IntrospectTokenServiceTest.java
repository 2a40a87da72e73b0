package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.FakeOperatorCredentials;
import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.AccessDecision;
import dev.latchkey.application.port.in.CallerIdentity;
import dev.latchkey.application.port.in.CheckAccessQuery;
import dev.latchkey.application.port.in.CreatedTenant;
import dev.latchkey.application.port.in.IntrospectTokenQuery;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.IssuedToken;
import dev.latchkey.domain.token.TokenKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IntrospectTokenServiceTest {
  private static final PermissionSet SUPPORT = PermissionSet.of(
      Grant.of(DataModel.COMPANIES, Action.READ), Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE));
  private static final PermissionSet INTROSPECTION =
      PermissionSet.of(Grant.of(DataModel.TOKEN_INTROSPECTION, Action.READ));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final IntrospectTokenService service = ports.introspectTokenService();
  private final Principal operator = Fixtures.operator();
  private final CreatedTenant acme = ports.createTenant();
  private final TenantId tenant = acme.tenant().id();
  private final PrivateApp app = ports.storePrivateApp(tenant, SUPPORT);
  private final IssuedToken appToken = ports.issueToken(tenant, app.ref());
  private final Principal.TenantPrincipal gateway =
      ports.signInAs(tenant, ports.storePrivateApp(tenant, INTROSPECTION).ref());
  private final TenantId otherTenant = ports.createTenant().tenant().id();
  private final PrivateApp foreignApp = ports.storePrivateApp(otherTenant, SUPPORT);
  private final IssuedToken foreignToken = ports.issueToken(otherTenant, foreignApp.ref());

  @Test
  void theOperatorSeesTheIdentityBehindAnyTenantsToken() {
    Optional<CallerIdentity> identity = service.execute(operator, new IntrospectTokenQuery(appToken.secret().reveal()));

    assertThat(identity).contains(new CallerIdentity(app.resourceName(), app.displayName().value(),
        Optional.of(tenant), SUPPORT, Optional.of(appToken.token().resourceName()))
        .withRateLimit(new RequestsPerMinute(30)));
    assertThat(service.execute(operator, new IntrospectTokenQuery(foreignToken.secret().reveal())).orElseThrow().tenant())
        .contains(otherTenant);
  }

  @Test
  void aTenantServiceSeesItsOwnTenantsTokens() {
    assertThat(service.execute(gateway, new IntrospectTokenQuery(appToken.secret().reveal())).orElseThrow().principal())
        .isEqualTo(app.resourceName());
    assertThat(service.execute(gateway, new IntrospectTokenQuery(acme.ownerToken().secret().reveal())).orElseThrow().principal())
        .isEqualTo(acme.owner().ref().resourceName());
  }

  @Test
  void anotherTenantsTokenIsInactiveForATenantService() {
    assertThat(service.execute(gateway, new IntrospectTokenQuery(foreignToken.secret().reveal()))).isEmpty();
    assertThat(ports.checkAccessService().execute(gateway, new CheckAccessQuery(foreignToken.secret().reveal(), DataModel.COMPANIES, Action.READ)))
        .isEqualTo(new AccessDecision.Denied());
  }

  @Test
  void theOperatorTokenItselfIsInactive() {
    String operatorSecret = FakeOperatorCredentials.DEFAULT.reveal();

    assertThat(service.execute(operator, new IntrospectTokenQuery(operatorSecret))).isEmpty();
    assertThat(service.execute(gateway, new IntrospectTokenQuery(operatorSecret))).isEmpty();
    assertThat(ports.checkAccessService().execute(operator, new CheckAccessQuery(operatorSecret, DataModel.COMPANIES, Action.READ))).isEqualTo(new AccessDecision.Denied());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"garbage", "lka_00000000000000000000000000000000000000000002anijQ"})
  void aMalformedTokenIsInactive(String token) {
    assertThat(service.execute(operator, new IntrospectTokenQuery(token))).isEmpty();
    assertThat(service.execute(gateway, new IntrospectTokenQuery(token))).isEmpty();
    assertThat(ports.checkAccessService().execute(gateway, new CheckAccessQuery(token, DataModel.COMPANIES, Action.READ))).isEqualTo(new AccessDecision.Denied());
  }

  @Test
  void unknownDeletedAndDisabledTokensAreInactive() {
    IssuedToken deleted = ports.issueToken(tenant, app.ref());
    ports.tokens.delete(tenant, app.ref(), deleted.token().id(), ports.clock.instant());
    PrivateApp disabledApp = ports.storePrivateApp(tenant, SUPPORT);
    IssuedToken disabled = ports.issueToken(tenant, disabledApp.ref());
    ports.privateApps.update(disabledApp.disable(ports.clock.instant()));

    assertThat(service.execute(operator, new IntrospectTokenQuery(ports.secrets.newToken(TokenKind.PRIVATE_APP).reveal()))).isEmpty();
    assertThat(service.execute(operator, new IntrospectTokenQuery(deleted.secret().reveal()))).isEmpty();
    assertThat(service.execute(operator, new IntrospectTokenQuery(disabled.secret().reveal()))).isEmpty();
  }

  @Test
  void checkAccessIsTrueExactlyForTheActionsTheTokenAllows() {
    String token = appToken.secret().reveal();

    assertThat(ports.checkAccessService().execute(gateway, new CheckAccessQuery(token, DataModel.TICKETS, Action.UPDATE))).isEqualTo(new AccessDecision.Allowed());
    assertThat(ports.checkAccessService().execute(gateway, new CheckAccessQuery(token, DataModel.COMPANIES, Action.READ))).isEqualTo(new AccessDecision.Allowed());
    assertThat(ports.checkAccessService().execute(operator, new CheckAccessQuery(token, DataModel.TICKETS, Action.READ))).isEqualTo(new AccessDecision.Allowed());
    assertThat(ports.checkAccessService().execute(gateway, new CheckAccessQuery(token, DataModel.TICKETS, Action.DELETE))).isEqualTo(new AccessDecision.Denied());
    assertThat(ports.checkAccessService().execute(gateway, new CheckAccessQuery(token, DataModel.COMPANIES, Action.UPDATE))).isEqualTo(new AccessDecision.Denied());
    assertThat(ports.checkAccessService().execute(gateway, new CheckAccessQuery(token, DataModel.USERS, Action.READ))).isEqualTo(new AccessDecision.Denied());
  }

  @Test
  void callersWithoutReadOnTokenIntrospectionAreRefused() {
    Principal.TenantPrincipal plain = ports.signInAs(tenant, ports.storePrivateApp(tenant, SUPPORT).ref());
    String token = appToken.secret().reveal();

    assertThatThrownBy(() -> service.execute(plain, new IntrospectTokenQuery(token)))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("this call needs the operator token or the read permission on token_introspection");
    assertThatThrownBy(() -> ports.checkAccessService().execute(plain, new CheckAccessQuery(token, DataModel.COMPANIES, Action.READ)))
        .isInstanceOf(PermissionDeniedException.class);
  }
}
