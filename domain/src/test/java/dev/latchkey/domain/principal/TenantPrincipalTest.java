package dev.latchkey.domain.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.token.ApiTokenId;
import dev.latchkey.domain.user.UserId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantPrincipalTest {
  private static final TenantId TENANT = new TenantId(UUID.fromString("0198e6a0-0000-7000-8000-000000000001"));
  private static final Actor.UserRef USER =
      new Actor.UserRef(new UserId(UUID.fromString("0198e6a0-0000-7000-8000-000000000002")));
  private static final Actor.PrivateAppRef APP =
      new Actor.PrivateAppRef(new PrivateAppId(UUID.fromString("0198e6a0-0000-7000-8000-000000000003")));
  private static final ApiTokenId TOKEN = new ApiTokenId(UUID.fromString("0198e6a0-0000-7000-8000-000000000004"));
  private static final PermissionSet READ_COMPANIES = PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ));

  @Test
  void aPrincipalWithItsOwnTokenHasNoMeans() {
    Principal.TenantPrincipal principal = new Principal.TenantPrincipal(TENANT, USER, "Ada", READ_COMPANIES, TOKEN);

    assertThat(principal.token()).contains(TOKEN);
    assertThat(principal.viaMeans()).isEmpty();
    assertThat(principal.means()).isNull();
    assertThat(principal.tokenName()).isEqualTo(USER.resourceName() + "/tokens/" + TOKEN);
  }

  @Test
  void aUserActedForByTheOperatorHasTheOperatorAsMeansAndNoToken() {
    Principal.TenantPrincipal principal =
        Principal.TenantPrincipal.actedForByOperator(TENANT, USER, "Ada", READ_COMPANIES);

    assertThat(principal.actor()).isEqualTo(USER);
    assertThat(principal.viaMeans()).contains(new Actor.Operator());
    assertThat(principal.token()).isEmpty();
    assertThat(principal.tokenName()).isEmpty();
    assertThat(principal.grants()).isEqualTo(READ_COMPANIES);
    assertThat(principal.allows(DataModel.COMPANIES, Action.READ)).isTrue();
    assertThat(principal.allows(DataModel.COMPANIES, Action.UPDATE)).isFalse();
  }

  @Test
  void aPrincipalNeedsEitherATokenOrAMeans() {
    assertThatThrownBy(() -> new Principal.TenantPrincipal(TENANT, USER, "Ada", READ_COMPANIES, null, null))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void aPrincipalCannotHaveBothATokenAndAMeans() {
    assertThatThrownBy(() ->
            new Principal.TenantPrincipal(TENANT, USER, "Ada", READ_COMPANIES, TOKEN, new Actor.Operator()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTheOperatorActsForSomeone() {
    Actor.UserRef other = new Actor.UserRef(new UserId(UUID.fromString("0198e6a0-0000-7000-8000-000000000005")));

    assertThatThrownBy(() -> new Principal.TenantPrincipal(TENANT, USER, "Ada", READ_COMPANIES, null, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only the operator acts, and only for users");
    assertThatThrownBy(() -> new Principal.TenantPrincipal(TENANT, USER, "Ada", READ_COMPANIES, null, APP))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOperatorActsForUsersOnlyNotForPrivateApps() {
    assertThatThrownBy(() ->
            new Principal.TenantPrincipal(TENANT, APP, "Sync", READ_COMPANIES, null, new Actor.Operator()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only the operator acts, and only for users");
  }

  @Test
  void theOperatorIsNeverATenantPrincipal() {
    assertThatThrownBy(() -> new Principal.TenantPrincipal(TENANT, new Actor.Operator(), "Op", READ_COMPANIES, TOKEN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theShortConstructorInsistsOnAToken() {
    assertThatThrownBy(() -> new Principal.TenantPrincipal(TENANT, USER, "Ada", READ_COMPANIES, null))
        .isInstanceOf(NullPointerException.class);
  }
}
