package dev.latchkey.domain.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantTest {
  @Test
  void aGrantWithoutActionsIsRefused() {
    assertThatThrownBy(() -> new Grant(DataModel.COMPANIES, Set.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Grant.of(DataModel.COMPANIES)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aGrantAllowsExactlyItsActions() {
    Grant grant = Grant.of(DataModel.TICKETS, Action.READ, Action.UPDATE);

    assertThat(grant.allows(Action.READ)).isTrue();
    assertThat(grant.allows(Action.UPDATE)).isTrue();
    assertThat(grant.allows(Action.CREATE)).isFalse();
    assertThat(grant.allows(Action.DELETE)).isFalse();
  }

  @Test
  void theActionsAreCopied() {
    Set<Action> actions = new HashSet<>(Set.of(Action.READ));
    Grant grant = new Grant(DataModel.TICKETS, actions);

    actions.add(Action.DELETE);

    assertThat(grant.allows(Action.DELETE)).isFalse();
    assertThatThrownBy(() -> grant.actions().add(Action.DELETE)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void actionsAreListedInCanonicalOrder() {
    Grant grant = Grant.of(DataModel.TICKETS, Action.DELETE, Action.READ, Action.UPDATE, Action.CREATE);

    assertThat(grant.orderedActions()).containsExactly(Action.READ, Action.CREATE, Action.UPDATE, Action.DELETE);
    assertThat(List.copyOf(grant.actions())).containsExactly(Action.READ, Action.CREATE, Action.UPDATE, Action.DELETE);
  }

  @Test
  void grantsWithTheSameActionsAreEqualWhateverTheOrder() {
    assertThat(Grant.of(DataModel.TICKETS, Action.DELETE, Action.READ))
        .isEqualTo(new Grant(DataModel.TICKETS, EnumSet.of(Action.READ, Action.DELETE)))
        .hasSameHashCodeAs(new Grant(DataModel.TICKETS, EnumSet.of(Action.READ, Action.DELETE)));
  }

  @Test
  void grantsPrintTheirActionsInCanonicalOrder() {
    assertThat(Grant.of(DataModel.TICKETS, Action.DELETE, Action.CREATE, Action.READ))
        .hasToString("Grant[dataModel=TICKETS, actions=[READ, CREATE, DELETE]]");
  }
}
