package dev.latchkey.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After-commit actions of the fake transactions behave as the database's do. */
class FakeTransactionsAfterCommitTest {
  private final InMemoryTenantRepository tenants = new InMemoryTenantRepository();
  private final RecordingCredentialChanges changes = new RecordingCredentialChanges();
  private final FakeTransactions transactions = new FakeTransactions(tenants, changes);
  private final List<String> log = new ArrayList<>();

  @Test
  void anAfterCommitActionRunsOnceTheOutermostTransactionCommits() {
    transactions.inTransaction(() -> {
      transactions.inTransaction(() -> {
        transactions.afterCommit(() -> log.add("after commit"));
        return null;
      });
      log.add("end of work");
      return null;
    });

    assertThat(log).containsExactly("end of work", "after commit");
  }

  @Test
  void anAfterCommitActionOfARolledBackTransactionNeverRuns() {
    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      transactions.afterCommit(() -> log.add("after commit"));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    transactions.inTransaction(() -> null);

    assertThat(log).isEmpty();
  }

  @Test
  void anAfterCommitActionOutsideATransactionRunsAtOnce() {
    transactions.afterCommit(() -> log.add("at once"));

    assertThat(log).containsExactly("at once");
  }

  @Test
  void aFailingAfterCommitActionDoesNotUndoTheCommittedChange() {
    var tenant = Fixtures.anyTenant();

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      tenants.insert(tenant);
      transactions.afterCommit(() -> {
        throw new IllegalStateException("after commit");
      });
      return null;
    })).hasMessage("after commit");

    assertThat(tenants.findById(tenant.id())).contains(tenant);
    assertThat(transactions.committed()).isEqualTo(1);
    assertThat(transactions.rolledBack()).isZero();
  }

  @Test
  void anAnnouncementOfARolledBackTransactionIsDropped() {
    var kept = Fixtures.anyTenantId();
    var dropped = Fixtures.anyTenantId();

    transactions.inTransaction(() -> {
      changes.announce(kept);
      return null;
    });
    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      changes.announce(dropped);
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(changes.announced()).containsExactly(kept);
  }
}
