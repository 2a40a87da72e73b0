package dev.latchkey.app.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The reservation arithmetic against a store that counts requests and never refills. */
class PermitReservationsTest {
  private static final RequestsPerMinute LARGE = new RequestsPerMinute(100_000);

  private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
  private final List<Long> taken = new ArrayList<>();
  private long available = LARGE.value();
  /** Takes ahead run when the test says so. */
  private final Deque<Runnable> background = new ArrayDeque<>();
  private final PermitReservations reservations = new PermitReservations(this::take, background::add, now::get);

  private RateLimitOutcome take(String budget, RequestsPerMinute limit, long permits) {
    taken.add(permits);
    if (available < permits) {
      return new RateLimitOutcome.Refused(limit.value(), Duration.ofSeconds(1), Duration.ofMinutes(1));
    }
    available -= permits;
    return new RateLimitOutcome.Admitted(limit.value(), available, Duration.ofSeconds(30));
  }

  @Test
  void aThousandthOfTheLimitIsTakenAtOnceFromTwoThousandAMinuteAndNeverMoreThanAHundred() {
    assertThat(PermitReservations.batch(new RequestsPerMinute(30))).isEqualTo(1);
    assertThat(PermitReservations.batch(new RequestsPerMinute(1_999))).isEqualTo(1);
    assertThat(PermitReservations.batch(new RequestsPerMinute(2_000))).isEqualTo(2);
    assertThat(PermitReservations.batch(new RequestsPerMinute(6_000))).isEqualTo(6);
    assertThat(PermitReservations.batch(LARGE)).isEqualTo(100);
    assertThat(PermitReservations.batch(new RequestsPerMinute(RequestsPerMinute.MAX))).isEqualTo(100);
  }

  @Test
  void aSmallBudgetIsSpentInTheStoreOneRequestAtATime() {
    RequestsPerMinute thirty = new RequestsPerMinute(30);
    available = 30;
    for (int i = 0; i < 31; i++) {
      reservations.tryConsume("app", thirty);
    }

    assertThat(taken).hasSize(31).containsOnly(1L);
    assertThat(reservations.budgetsHeld()).isZero();
  }

  @Test
  void aLargeBudgetCostsTheStoreOneCallPerBatchAndReportsWhatThisInstanceStillHolds() {
    List<Long> remaining = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      remaining.add(((RateLimitOutcome.Admitted) reservations.tryConsume("app", LARGE)).remaining());
    }

    // No take ahead has run: each batch was taken when the one before ran out.
    assertThat(taken).containsExactly(100L, 100L, 100L);
    assertThat(remaining.getFirst()).isEqualTo(99_999);
    assertThat(remaining.get(99)).isEqualTo(99_900);
    assertThat(remaining.get(100)).isEqualTo(99_899);
    assertThat(remaining.getLast()).isEqualTo(99_750);
    assertThat(available).isEqualTo(99_700);
  }

  @Test
  void halfABatchSpentTakesTheNextOneAheadSoThatCallersFindRequestsHeld() {
    for (int i = 0; i < 49; i++) {
      reservations.tryConsume("app", LARGE);
    }
    assertThat(background).isEmpty();
    reservations.tryConsume("app", LARGE);
    assertThat(background).as("asked once, half a batch spent").hasSize(1);
    reservations.tryConsume("app", LARGE);
    assertThat(background).hasSize(1);

    background.poll().run();
    List<Long> remaining = new ArrayList<>();
    for (int i = 0; i < 149; i++) {
      remaining.add(((RateLimitOutcome.Admitted) reservations.tryConsume("app", LARGE)).remaining());
    }

    assertThat(taken).containsExactly(100L, 100L);
    // 51 spent of 200 taken; then 149 more from what is held, none of them waiting for the store.
    assertThat(remaining.getFirst()).isEqualTo(99_800 + 148);
    assertThat(remaining.getLast()).isEqualTo(99_800);
    assertThat(background).as("half of what is held spent again: the next batch is asked for").hasSize(1);
  }

  @Test
  void aTakeAheadThatLandsAfterTheSecondDoesNotKeepWhatExpiredMeanwhile() {
    for (int i = 0; i < 50; i++) {
      reservations.tryConsume("app", LARGE);
    }
    now.addAndGet(PermitReservations.KEEP.toNanos());
    background.poll().run();
    List<Long> remaining = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      remaining.add(((RateLimitOutcome.Admitted) reservations.tryConsume("app", LARGE)).remaining());
    }

    // The 50 left of the first batch expired; the second batch is held alone, then a third taken.
    assertThat(remaining.getFirst()).isEqualTo(99_800 + 99);
    assertThat(remaining.get(99)).isEqualTo(99_800);
    assertThat(taken).containsExactly(100L, 100L, 100L);
  }

  @Test
  void aTakeAheadThatFailsLeavesTheNextCallerToTakeABatchItself() {
    for (int i = 0; i < 50; i++) {
      reservations.tryConsume("app", LARGE);
    }
    available = 0;
    background.poll().run();
    for (int i = 0; i < 50; i++) {
      reservations.tryConsume("app", LARGE);
    }
    available = 1_000;

    RateLimitOutcome next = reservations.tryConsume("app", LARGE);

    assertThat(next).isInstanceOf(RateLimitOutcome.Admitted.class);
    assertThat(taken).containsExactly(100L, 100L, 100L);
    assertThat(available).isEqualTo(900);
  }

  @Test
  void whatIsNotSpentWithinASecondIsDroppedAndANewBatchIsTaken() {
    reservations.tryConsume("app", LARGE);
    now.addAndGet(PermitReservations.KEEP.toNanos() - 1);
    reservations.tryConsume("app", LARGE);
    assertThat(taken).containsExactly(100L);

    now.addAndGet(1);
    RateLimitOutcome afterKeep = reservations.tryConsume("app", LARGE);

    assertThat(taken).containsExactly(100L, 100L);
    assertThat(((RateLimitOutcome.Admitted) afterKeep).remaining()).isEqualTo(99_899);
  }

  @Test
  void theLastRequestsOfABudgetAreSpentOneAtATimeSoNoneIsLeftUnspentAndNoneTooMany() {
    available = 150;
    int admitted = 0;
    for (int i = 0; i < 200; i++) {
      admitted += reservations.tryConsume("app", LARGE) instanceof RateLimitOutcome.Admitted ? 1 : 0;
    }

    assertThat(admitted).isEqualTo(150);
    assertThat(available).isZero();
    // One batch, one batch refused (50 left), then one at a time: no second refused batch per call.
    assertThat(taken.subList(0, 3)).containsExactly(100L, 100L, 1L);
    assertThat(taken.subList(2, taken.size())).containsOnly(1L).hasSize(100);
  }

  @Test
  void aBudgetThatRanOutTriesABatchAgainASecondLater() {
    available = 50;
    reservations.tryConsume("app", LARGE);
    reservations.tryConsume("app", LARGE);
    assertThat(taken).containsExactly(100L, 1L, 1L);

    now.addAndGet(PermitReservations.KEEP.toNanos());
    available = 1_000;
    reservations.tryConsume("app", LARGE);

    assertThat(taken).containsExactly(100L, 1L, 1L, 100L);
  }

  @Test
  void aNewLimitDropsWhatWasTakenUnderTheOldOne() {
    reservations.tryConsume("app", LARGE);
    RequestsPerMinute raised = new RequestsPerMinute(200_000);

    RateLimitOutcome outcome = reservations.tryConsume("app", raised);

    assertThat(taken).containsExactly(100L, 100L);
    assertThat(outcome.limit()).isEqualTo(200_000);
  }

  @Test
  void eachBudgetHoldsItsOwnAndIdleOnesAreForgottenAfterAMinute() {
    reservations.tryConsume("a", LARGE);
    reservations.tryConsume("b", LARGE);
    assertThat(taken).containsExactly(100L, 100L);
    assertThat(reservations.budgetsHeld()).isEqualTo(2);

    now.addAndGet(PermitReservations.IDLE.toNanos());
    reservations.tryConsume("c", LARGE);

    assertThat(reservations.budgetsHeld()).isEqualTo(1);
  }
}
