package dev.latchkey.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserTest {
  private static final TenantId TENANT = new TenantId(UUID.fromString("0198e6a0-0000-7000-8000-000000000001"));
  private static final UserId ID = new UserId(UUID.fromString("0198e6a0-0000-7000-8000-000000000002"));
  private static final RoleId ROLE = new RoleId(UUID.fromString("0198e6a0-0000-7000-8000-000000000003"));
  private static final RoleId OTHER_ROLE = new RoleId(UUID.fromString("0198e6a0-0000-7000-8000-000000000004"));
  private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant LATER = CREATED.plusSeconds(60);

  private final User member =
      User.member(TENANT, ID, new EmailAddress("ada@example.com"), new DisplayName("Ada"), ROLE, CREATED);

  @Test
  void aNewMemberIsActiveAtVersionOneAndDoesNotHoldTheAccount() {
    assertThat(member.isActive()).isTrue();
    assertThat(member.accountHolder()).isFalse();
    assertThat(member.version()).isEqualTo(1);
    assertThat(member.createTime()).isEqualTo(CREATED);
    assertThat(member.updateTime()).isEqualTo(CREATED);
    assertThat(member.resourceName()).isEqualTo("users/" + ID);
  }

  @Test
  void aNewAccountHolderHoldsTheAccount() {
    User holder = User.accountHolder(
        TENANT, ID, new EmailAddress("ada@example.com"), new DisplayName("Ada"), ROLE, CREATED);

    assertThat(holder.accountHolder()).isTrue();
    assertThat(holder.isActive()).isTrue();
    assertThat(holder.version()).isEqualTo(1);
  }

  @Test
  void renamingChangesOnlyTheNameTheVersionAndTheUpdateTime() {
    User renamed = member.withDisplayName(new DisplayName("Ada L."), LATER);

    assertThat(renamed).isEqualTo(new User(TENANT, ID, member.email(), new DisplayName("Ada L."), ROLE, false,
        UserState.ACTIVE, CREATED, LATER, 2));
  }

  @Test
  void aNewRoleChangesOnlyTheRoleTheVersionAndTheUpdateTime() {
    User moved = member.withRole(OTHER_ROLE, LATER);

    assertThat(moved).isEqualTo(new User(TENANT, ID, member.email(), member.displayName(), OTHER_ROLE, false,
        UserState.ACTIVE, CREATED, LATER, 2));
  }

  @Test
  void deactivatingAndReactivatingStepTheVersionEachTime() {
    User deactivated = member.withState(UserState.DEACTIVATED, LATER);
    User reactivated = deactivated.withState(UserState.ACTIVE, LATER.plusSeconds(1));

    assertThat(deactivated.isActive()).isFalse();
    assertThat(deactivated.version()).isEqualTo(2);
    assertThat(deactivated.updateTime()).isEqualTo(LATER);
    assertThat(reactivated.isActive()).isTrue();
    assertThat(reactivated.version()).isEqualTo(3);
    assertThat(reactivated.updateTime()).isEqualTo(LATER.plusSeconds(1));
    assertThat(reactivated.createTime()).isEqualTo(CREATED);
  }

  @Test
  void theAccountHolderTitleIsGivenAndTakenLikeAnyOtherChange() {
    User holder = member.withAccountHolder(true, LATER);
    User former = holder.withAccountHolder(false, LATER.plusSeconds(1));

    assertThat(holder.accountHolder()).isTrue();
    assertThat(holder.version()).isEqualTo(2);
    assertThat(former.accountHolder()).isFalse();
    assertThat(former.version()).isEqualTo(3);
    assertThat(former.roleId()).isEqualTo(ROLE);
    assertThat(former.email()).isEqualTo(member.email());
  }

  @Test
  void changesLeaveTheOriginalAlone() {
    member.withDisplayName(new DisplayName("Other"), LATER);
    member.withState(UserState.DEACTIVATED, LATER);

    assertThat(member.displayName()).isEqualTo(new DisplayName("Ada"));
    assertThat(member.isActive()).isTrue();
    assertThat(member.version()).isEqualTo(1);
  }
}
