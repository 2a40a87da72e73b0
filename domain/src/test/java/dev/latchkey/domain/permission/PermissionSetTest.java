package dev.latchkey.domain.permission;

import static dev.latchkey.domain.permission.Action.CREATE;
import static dev.latchkey.domain.permission.Action.DELETE;
import static dev.latchkey.domain.permission.Action.READ;
import static dev.latchkey.domain.permission.Action.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionSetTest {
  private static final PermissionSet READ_COMPANIES_AND_TICKETS =
      PermissionSet.of(Grant.of(DataModel.COMPANIES, READ), Grant.of(DataModel.TICKETS, READ));

  @Test
  void aSetIncludesItselfAndItsSubsets() {
    assertThat(READ_COMPANIES_AND_TICKETS.includes(READ_COMPANIES_AND_TICKETS)).isTrue();
    assertThat(READ_COMPANIES_AND_TICKETS.includes(PermissionSet.of(Grant.of(DataModel.TICKETS, READ)))).isTrue();
    assertThat(READ_COMPANIES_AND_TICKETS.includes(PermissionSet.none())).isTrue();
  }

  @Test
  void aSetDoesNotIncludeAnotherActionOnTheSameModel() {
    assertThat(READ_COMPANIES_AND_TICKETS.includes(PermissionSet.of(Grant.of(DataModel.TICKETS, READ, DELETE))))
        .isFalse();
  }

  @Test
  void aSetDoesNotIncludeAnotherModel() {
    assertThat(READ_COMPANIES_AND_TICKETS.includes(PermissionSet.of(Grant.of(DataModel.USERS, READ)))).isFalse();
  }

  @Test
  void theEmptySetIncludesOnlyTheEmptySet() {
    assertThat(PermissionSet.none().includes(PermissionSet.none())).isTrue();
    assertThat(PermissionSet.none().includes(READ_COMPANIES_AND_TICKETS)).isFalse();
  }

  @Test
  void everythingIsIncludedInAll() {
    assertThat(PermissionSet.all().includes(READ_COMPANIES_AND_TICKETS)).isTrue();
    assertThat(PermissionSet.all().includes(PermissionSet.all())).isTrue();
    assertThat(READ_COMPANIES_AND_TICKETS.includes(PermissionSet.all())).isFalse();
  }

  @Test
  void allAllowsEveryActionOnEveryModel() {
    for (DataModel model : DataModel.values()) {
      for (Action action : Action.values()) {
        assertThat(PermissionSet.all().allows(model, action)).as("%s %s", model, action).isTrue();
      }
    }
    assertThat(PermissionSet.all().grants()).hasSize(DataModel.values().length);
  }

  @Test
  void noneAllowsNothing() {
    assertThat(PermissionSet.none().isEmpty()).isTrue();
    assertThat(PermissionSet.none().allows(DataModel.COMPANIES, READ)).isFalse();
    assertThat(PermissionSet.none().grants()).isEmpty();
  }

  @Test
  void missingFromListsEachUncoveredActionInCatalogOrder() {
    PermissionSet wanted = PermissionSet.of(
        Grant.of(DataModel.USERS, DELETE, READ),
        Grant.of(DataModel.COMPANIES, UPDATE, READ, DELETE, CREATE),
        Grant.of(DataModel.TICKETS, READ));

    assertThat(READ_COMPANIES_AND_TICKETS.missingFrom(wanted))
        .containsExactly(
            Grant.of(DataModel.COMPANIES, CREATE),
            Grant.of(DataModel.COMPANIES, UPDATE),
            Grant.of(DataModel.COMPANIES, DELETE),
            Grant.of(DataModel.USERS, READ),
            Grant.of(DataModel.USERS, DELETE));
  }

  @Test
  void nothingIsMissingFromAnIncludedSet() {
    assertThat(PermissionSet.all().missingFrom(READ_COMPANIES_AND_TICKETS)).isEmpty();
    assertThat(READ_COMPANIES_AND_TICKETS.missingFrom(PermissionSet.none())).isEmpty();
  }

  @Test
  void twoGrantsOnTheSameModelAreRefused() {
    assertThatThrownBy(() -> PermissionSet.of(Grant.of(DataModel.TICKETS, READ), Grant.of(DataModel.TICKETS, DELETE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tickets");
  }

  @Test
  void grantsAreListedInCatalogOrderWhateverTheInputOrder() {
    PermissionSet set = PermissionSet.of(List.of(
        Grant.of(DataModel.TOKEN_INTROSPECTION, READ),
        Grant.of(DataModel.COMPANIES, READ),
        Grant.of(DataModel.USERS, READ),
        Grant.of(DataModel.END_USERS, READ)));

    assertThat(set.grants())
        .extracting(Grant::dataModel)
        .containsExactly(DataModel.COMPANIES, DataModel.END_USERS, DataModel.USERS, DataModel.TOKEN_INTROSPECTION);
  }

  @Test
  void setsWithTheSameGrantsAreEqualWhateverTheInputOrder() {
    PermissionSet one = PermissionSet.of(Grant.of(DataModel.TICKETS, READ), Grant.of(DataModel.COMPANIES, READ, DELETE));
    PermissionSet other = PermissionSet.of(Grant.of(DataModel.COMPANIES, DELETE, READ), Grant.of(DataModel.TICKETS, READ));

    assertThat(one).isEqualTo(other).hasSameHashCodeAs(other).hasToString(other.toString());
    assertThat(one.toString()).isEqualTo(
        "PermissionSet[Grant[dataModel=COMPANIES, actions=[READ, DELETE]], Grant[dataModel=TICKETS, actions=[READ]]]");
  }

  @Test
  void theAccountHoldersSetEqualsOneBuiltGrantByGrant() {
    PermissionSet built = PermissionSet.of(java.util.Arrays.stream(DataModel.values())
        .map(m -> Grant.of(m, DELETE, UPDATE, CREATE, READ))
        .toList());

    assertThat(built).isEqualTo(PermissionSet.all());
  }
}
