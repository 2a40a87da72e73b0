package dev.latchkey.domain.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoleTest {
  private static final TenantId TENANT = new TenantId(UUID.fromString("0198e6a0-0000-7000-8000-000000000001"));
  private static final RoleId ID = new RoleId(UUID.fromString("0198e6a0-0000-7000-8000-000000000002"));
  private static final PermissionSet READ = PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ));
  private static final PermissionSet WRITE = PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ, Action.UPDATE));
  private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant LATER = CREATED.plusSeconds(60);

  private final Role role = new Role(TENANT, ID, new DisplayName("Support"), READ, false, CREATED, CREATED, 1);

  @Test
  void aRoleIsNamedByItsId() {
    assertThat(role.resourceName()).isEqualTo("roles/" + ID);
  }

  @Test
  void renamingChangesOnlyTheNameTheVersionAndTheUpdateTime() {
    assertThat(role.withDisplayName(new DisplayName("Helpdesk"), LATER))
        .isEqualTo(new Role(TENANT, ID, new DisplayName("Helpdesk"), READ, false, CREATED, LATER, 2));
  }

  @Test
  void newGrantsChangeOnlyTheGrantsTheVersionAndTheUpdateTime() {
    assertThat(role.withGrants(WRITE, LATER))
        .isEqualTo(new Role(TENANT, ID, role.displayName(), WRITE, false, CREATED, LATER, 2));
  }

  @Test
  void apiAccessIsGivenAndTakenWithAVersionStepEachTime() {
    Role given = role.withApiAccess(true, LATER);
    Role taken = given.withApiAccess(false, LATER.plusSeconds(1));

    assertThat(given).isEqualTo(new Role(TENANT, ID, role.displayName(), READ, true, CREATED, LATER, 2));
    assertThat(taken).isEqualTo(new Role(TENANT, ID, role.displayName(), READ, false, CREATED, LATER.plusSeconds(1), 3));
  }

  @Test
  void changesLeaveTheOriginalAlone() {
    role.withGrants(WRITE, LATER);

    assertThat(role.grants()).isEqualTo(READ);
    assertThat(role.version()).isEqualTo(1);
    assertThat(role.updateTime()).isEqualTo(CREATED);
  }
}
