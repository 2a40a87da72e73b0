package dev.latchkey.domain.privateapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.domain.common.Description;
import dev.latchkey.domain.common.DisplayName;
import dev.latchkey.domain.permission.Action;
import dev.latchkey.domain.permission.DataModel;
import dev.latchkey.domain.permission.Grant;
import dev.latchkey.domain.permission.PermissionSet;
import dev.latchkey.domain.principal.Actor;
import dev.latchkey.domain.principal.PrivateAppId;
import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PrivateAppTest {
  private static final Instant CREATED = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant LATER = CREATED.plusSeconds(3600);
  private static final PermissionSet READ_COMPANIES = PermissionSet.of(Grant.of(DataModel.COMPANIES, Action.READ));
  private static final Actor CREATOR = new Actor.UserRef(new UserId(UUID.fromString("0198e6a0-0000-7000-8000-000000000001")));

  private final PrivateApp app = PrivateApp.create(
      new TenantId(UUID.fromString("0198e6a0-0000-7000-8000-000000000002")),
      new PrivateAppId(UUID.fromString("0198e6a0-0000-7000-8000-000000000003")),
      new DisplayName("Warehouse sync"), Description.EMPTY, READ_COMPANIES, CREATOR, CREATED);

  @Test
  void aNewAppIsEnabledAtVersionOneWithBothTimesTheCreationTime() {
    assertThat(app.state()).isEqualTo(PrivateAppState.ENABLED);
    assertThat(app.isEnabled()).isTrue();
    assertThat(app.version()).isEqualTo(1);
    assertThat(app.createTime()).isEqualTo(CREATED);
    assertThat(app.updateTime()).isEqualTo(CREATED);
    assertThat(app.creator()).isEqualTo(CREATOR);
  }

  @Test
  void itsResourceNameIsPrivateAppsSlashItsId() {
    assertThat(app.resourceName()).isEqualTo("privateApps/0198e6a0-0000-7000-8000-000000000003");
    assertThat(app.ref()).isEqualTo(new Actor.PrivateAppRef(app.id()));
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("rename", (UnaryOperator<PrivateApp>) a -> a.withDisplayName(new DisplayName("Renamed"), LATER)),
        Arguments.of("describe", (UnaryOperator<PrivateApp>) a -> a.withDescription(new Description("For BI"), LATER)),
        Arguments.of("regrant", (UnaryOperator<PrivateApp>) a -> a.withGrants(PermissionSet.none(), LATER)),
        Arguments.of("disable", (UnaryOperator<PrivateApp>) a -> a.disable(LATER)),
        Arguments.of("enable", (UnaryOperator<PrivateApp>) a -> a.enable(LATER)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void everyChangeBumpsTheVersionAndUpdateTimeAndKeepsIdentityCreationAndCreator(
      String name, UnaryOperator<PrivateApp> change) {
    PrivateApp changed = change.apply(app);

    assertThat(changed.version()).isEqualTo(2);
    assertThat(changed.updateTime()).isEqualTo(LATER);
    assertThat(changed.createTime()).isEqualTo(CREATED);
    assertThat(changed.creator()).isEqualTo(CREATOR);
    assertThat(changed.id()).isEqualTo(app.id());
    assertThat(changed.tenantId()).isEqualTo(app.tenantId());
    assertThat(app.version()).as("the original is untouched").isEqualTo(1);
  }

  @Test
  void disablingAndEnablingToggleTheStateAndNothingElse() {
    PrivateApp disabled = app.disable(LATER);
    PrivateApp enabled = disabled.enable(LATER.plusSeconds(1));

    assertThat(disabled.state()).isEqualTo(PrivateAppState.DISABLED);
    assertThat(disabled.isEnabled()).isFalse();
    assertThat(disabled.displayName()).isEqualTo(app.displayName());
    assertThat(disabled.grants()).isEqualTo(app.grants());
    assertThat(enabled.state()).isEqualTo(PrivateAppState.ENABLED);
    assertThat(enabled.version()).isEqualTo(3);
    assertThat(enabled.updateTime()).isEqualTo(LATER.plusSeconds(1));
  }

  @Test
  void eachChangeSetsOnlyItsOwnField() {
    PrivateApp renamed = app.withDisplayName(new DisplayName("Renamed"), LATER);
    PrivateApp described = app.withDescription(new Description("For BI"), LATER);
    PrivateApp regranted = app.withGrants(PermissionSet.all(), LATER);

    assertThat(renamed.displayName().value()).isEqualTo("Renamed");
    assertThat(renamed.description()).isEqualTo(app.description());
    assertThat(described.description().value()).isEqualTo("For BI");
    assertThat(described.displayName()).isEqualTo(app.displayName());
    assertThat(regranted.grants()).isEqualTo(PermissionSet.all());
    assertThat(regranted.state()).isEqualTo(app.state());
  }

  @Test
  void versionsStartAtOne() {
    assertThatThrownBy(() -> new PrivateApp(app.tenantId(), app.id(), app.displayName(), app.description(),
        app.state(), app.grants(), CREATED, CREATED, CREATOR, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
