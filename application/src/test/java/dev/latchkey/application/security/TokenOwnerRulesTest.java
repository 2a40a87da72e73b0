package dev.latchkey.application.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.fakes.Fixtures;
import dev.latchkey.domain.error.PermissionDeniedException;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.Principal;
import dev.latchkey.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenOwnerRulesTest {
  private final TenantId tenant = Fixtures.anyTenantId();
  private final Actor.PrivateAppRef app = new Actor.PrivateAppRef(Fixtures.anyPrivateAppId());
  private final Actor.UserRef otherUser = new Actor.UserRef(Fixtures.anyUserId());

  @ParameterizedTest
  @EnumSource(Action.class)
  void anAppsTokensNeedTheSameActionOnPrivateApps(Action action) {
    Principal.TenantPrincipal holding = caller(PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS, action)));
    Principal.TenantPrincipal lacking = caller(PermissionSet.of(Grant.of(DataModel.PRIVATE_APPS,
        action == Action.READ ? Action.CREATE : Action.READ)));

    assertThatCode(() -> TokenOwnerRules.require(holding, app, action)).doesNotThrowAnyException();
    assertThatThrownBy(() -> TokenOwnerRules.require(lacking, app, action))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @ParameterizedTest
  @EnumSource(Action.class)
  void aUserManagesTheirOwnTokensWithoutAnyGrant(Action action) {
    Principal.TenantPrincipal self = caller(PermissionSet.none());

    assertThatCode(() -> TokenOwnerRules.require(self, self.actor(), action)).doesNotThrowAnyException();
  }

  @Test
  void nobodyCreatesAnotherUsersPersonalToken() {
    assertThatThrownBy(() -> TokenOwnerRules.require(caller(PermissionSet.all()), otherUser, Action.CREATE))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessage("personal access tokens can only be created by their owner");
  }

  @ParameterizedTest
  @EnumSource(value = Action.class, names = {"READ", "DELETE"})
  void anotherUsersTokensNeedUpdateAndDeleteOnUsers(Action action) {
    Principal.TenantPrincipal admin =
        caller(PermissionSet.of(Grant.of(DataModel.USERS, Action.UPDATE, Action.DELETE)));
    Principal.TenantPrincipal updateOnly = caller(PermissionSet.of(Grant.of(DataModel.USERS, Action.READ,
        Action.UPDATE, Action.CREATE)));
    Principal.TenantPrincipal deleteOnly = caller(PermissionSet.of(Grant.of(DataModel.USERS, Action.DELETE)));

    assertThatCode(() -> TokenOwnerRules.require(admin, otherUser, action)).doesNotThrowAnyException();
    assertThatThrownBy(() -> TokenOwnerRules.require(updateOnly, otherUser, action))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> TokenOwnerRules.require(deleteOnly, otherUser, action))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void theOperatorTokenIsNotManagedHere() {
    assertThatThrownBy(() -> TokenOwnerRules.require(caller(PermissionSet.all()), new Actor.Operator(), Action.READ))
        .isInstanceOf(PermissionDeniedException.class);
  }

  private Principal.TenantPrincipal caller(PermissionSet grants) {
    return Fixtures.tenantPrincipal(tenant, grants);
  }
}
