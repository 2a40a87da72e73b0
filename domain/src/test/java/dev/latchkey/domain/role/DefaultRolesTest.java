package dev.latchkey.domain.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.DataModelKind;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DefaultRolesTest {
  private static final TenantId TENANT = new TenantId(UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057"));
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final List<Role> roles = DefaultRoles.forNewTenant(TENANT, () -> new RoleId(UUID.randomUUID()), NOW);

  @Test
  void theAdministratorComesFirstWithEveryPermissionAndApiAccess() {
    Role administrator = roles.getFirst();

    assertThat(administrator.displayName().value()).isEqualTo("Administrator");
    assertThat(administrator.grants()).isEqualTo(PermissionSet.all());
    assertThat(administrator.apiAccess()).isTrue();
  }

  @Test
  void theMemberMayReadBusinessDataOnlyAndHasNoApiAccess() {
    Role member = roles.get(1);

    assertThat(member.displayName().value()).isEqualTo("Member");
    assertThat(member.apiAccess()).isFalse();
    for (DataModel model : DataModel.values()) {
      for (Action action : Action.values()) {
        boolean expected = model.kind() == DataModelKind.BUSINESS && action == Action.READ;
        assertThat(member.grants().allows(model, action)).as("%s %s", model, action).isEqualTo(expected);
      }
    }
  }

  @Test
  void bothRolesBelongToTheTenantWithDistinctIds() {
    assertThat(roles).hasSize(2).allSatisfy(role -> {
      assertThat(role.tenantId()).isEqualTo(TENANT);
      assertThat(role.createTime()).isEqualTo(NOW);
      assertThat(role.version()).isEqualTo(1);
    });
    assertThat(roles.get(0).id()).isNotEqualTo(roles.get(1).id());
  }
}
