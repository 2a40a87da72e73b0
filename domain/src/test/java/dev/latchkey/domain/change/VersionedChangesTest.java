package dev.latchkey.domain.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.common.EmailAddress;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.privateapp.PrivateApp;
import dev.latchkey.domain.privateapp.PrivateAppState;
import dev.latchkey.domain.role.Role;
import dev.latchkey.domain.role.RoleId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.User;
import dev.latchkey.domain.user.UserId;
import dev.latchkey.domain.user.UserState;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VersionedChangesTest {
  private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant LATER = CREATED.plusSeconds(60);
  private static final TenantId TENANT = new TenantId(UUID.fromString("0198e6a0-0000-7000-8000-000000000001"));
  private static final PermissionSet READ_COMPANIES = PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ));
  private static final PermissionSet READ_TICKETS = PermissionSet.of(Grant.of(DataModel.TICKETS, Action.READ));
  private static final RoleId ROLE = new RoleId(UUID.fromString("0198e6a0-0000-7000-8000-000000000002"));
  private static final RoleId OTHER_ROLE = new RoleId(UUID.fromString("0198e6a0-0000-7000-8000-000000000003"));

  private final PrivateApp app = PrivateApp.create(TENANT,
      new PrivateAppId(UUID.fromString("0198e6a0-0000-7000-8000-000000000004")), new DisplayName("Sync"),
      Description.EMPTY, READ_COMPANIES,
      new Actor.UserRef(new UserId(UUID.fromString("0198e6a0-0000-7000-8000-000000000005"))), CREATED);
  private final Role role = new Role(TENANT, ROLE, new DisplayName("Support"), READ_COMPANIES, false, CREATED,
      CREATED, 4);
  private final User user = User.member(TENANT, new UserId(UUID.fromString("0198e6a0-0000-7000-8000-000000000006")),
      new EmailAddress("bob@acme.example"), new DisplayName("Bob"), ROLE, CREATED);

  @Test
  void changingEveryFieldOfAnAppIsOneVersionStepAndTheEventNamesEachNewValue() {
    Change<PrivateApp> change = app.apply(new PrivateApp.Patch(Optional.of(new DisplayName("Renamed")),
        Optional.of(new Description("For BI")), Optional.of(READ_TICKETS)), LATER).orElseThrow();

    assertThat(change.value().version()).isEqualTo(app.version() + 1);
    assertThat(change.value().displayName()).isEqualTo(new DisplayName("Renamed"));
    assertThat(change.value().description()).isEqualTo(new Description("For BI"));
    assertThat(change.value().grants()).isEqualTo(READ_TICKETS);
    assertThat(change.value().updateTime()).isEqualTo(LATER);
    assertThat(change.value().createTime()).isEqualTo(CREATED);
    assertThat(change.event()).isEqualTo(new ChangeEvent.PrivateAppUpdated(app.id(),
        Optional.of(new DisplayName("Renamed")), Optional.of(new Description("For BI")), Optional.of(READ_TICKETS)));
  }

  @Test
  void fieldsSetToTheirCurrentValueAreNotInTheEvent() {
    Change<PrivateApp> change = app.apply(new PrivateApp.Patch(Optional.of(app.displayName()),
        Optional.of(new Description("For BI")), Optional.of(app.grants())), LATER).orElseThrow();

    assertThat(change.event()).isEqualTo(new ChangeEvent.PrivateAppUpdated(app.id(), Optional.empty(),
        Optional.of(new Description("For BI")), Optional.empty()));
  }

  @Test
  void aPatchThatChangesNothingGivesNoChangeAndNoVersionStep() {
    assertThat(app.apply(new PrivateApp.Patch(Optional.of(app.displayName()), Optional.empty(),
        Optional.of(app.grants())), LATER)).isEmpty();
    assertThat(role.apply(new Role.Patch(Optional.of(role.displayName()), Optional.of(role.grants()),
        Optional.of(role.apiAccess())), LATER)).isEmpty();
    assertThat(user.apply(new User.Patch(Optional.of(user.displayName()), Optional.of(ROLE)), LATER)).isEmpty();
  }

  @Test
  void onlyNameAndGrantChangesOfAnAppAffectCredentials() {
    assertThat(new ChangeEvent.PrivateAppUpdated(app.id(), Optional.empty(), Optional.of(Description.EMPTY),
        Optional.empty()).affectsCredentials()).isFalse();
    assertThat(new ChangeEvent.PrivateAppUpdated(app.id(), Optional.of(new DisplayName("X")), Optional.empty(),
        Optional.empty()).affectsCredentials()).isTrue();
    assertThat(new ChangeEvent.PrivateAppUpdated(app.id(), Optional.empty(), Optional.empty(),
        Optional.of(READ_TICKETS)).affectsCredentials()).isTrue();
  }

  @Test
  void changingEveryFieldOfARoleIsOneVersionStep() {
    Change<Role> change = role.apply(new Role.Patch(Optional.of(new DisplayName("Agents")),
        Optional.of(READ_TICKETS), Optional.of(true)), LATER).orElseThrow();

    assertThat(change.value()).isEqualTo(new Role(TENANT, ROLE, new DisplayName("Agents"), READ_TICKETS, true,
        CREATED, LATER, 5));
    assertThat(change.event()).isEqualTo(new ChangeEvent.RoleUpdated(ROLE, Optional.of(new DisplayName("Agents")),
        Optional.of(READ_TICKETS), Optional.of(true)));
    assertThat(change.event().affectsCredentials()).isTrue();
  }

  @Test
  void renamingARoleAffectsNoCredential() {
    Change<Role> change = role.apply(new Role.Patch(Optional.of(new DisplayName("Agents")), Optional.empty(),
        Optional.empty()), LATER).orElseThrow();

    assertThat(change.event().affectsCredentials()).isFalse();
  }

  @Test
  void changingAUsersNameAndRoleIsOneVersionStep() {
    Change<User> change = user.apply(new User.Patch(Optional.of(new DisplayName("Robert")),
        Optional.of(OTHER_ROLE)), LATER).orElseThrow();

    assertThat(change.value().version()).isEqualTo(user.version() + 1);
    assertThat(change.value().roleId()).isEqualTo(OTHER_ROLE);
    assertThat(change.value().displayName()).isEqualTo(new DisplayName("Robert"));
    assertThat(change.event()).isEqualTo(new ChangeEvent.UserUpdated(user.id(),
        Optional.of(new DisplayName("Robert")), Optional.of(OTHER_ROLE)));
  }

  @Test
  void stateChangesAreEventsAndRepeatingOneIsNoChange() {
    Change<PrivateApp> disabled = app.changeState(PrivateAppState.DISABLED, LATER).orElseThrow();
    assertThat(disabled.event()).isEqualTo(new ChangeEvent.PrivateAppDisabled(app.id()));
    assertThat(disabled.value().state()).isEqualTo(PrivateAppState.DISABLED);
    assertThat(disabled.value().changeState(PrivateAppState.DISABLED, LATER)).isEmpty();
    assertThat(disabled.value().changeState(PrivateAppState.ENABLED, LATER).orElseThrow().event())
        .isEqualTo(new ChangeEvent.PrivateAppEnabled(app.id()));

    Change<User> deactivated = user.changeState(UserState.DEACTIVATED, LATER).orElseThrow();
    assertThat(deactivated.event()).isEqualTo(new ChangeEvent.UserDeactivated(user.id()));
    assertThat(deactivated.value().changeState(UserState.DEACTIVATED, LATER)).isEmpty();
    assertThat(deactivated.value().changeState(UserState.ACTIVE, LATER).orElseThrow().event())
        .isEqualTo(new ChangeEvent.UserReactivated(user.id()));
    assertThat(deactivated.event().affectsCredentials()).isTrue();
  }
}
