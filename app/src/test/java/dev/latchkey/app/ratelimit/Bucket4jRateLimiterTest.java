package dev.latchkey.app.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class Bucket4jRateLimiterTest {
  private static final RequestsPerMinute THIRTY = new RequestsPerMinute(30);

  private Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final InstantSource clock = () -> now;
  private final Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(clock);

  @Test
  void thirtyRequestsFitInAMinuteAndTheThirtyFirstWaitsForOneToRefill() {
    for (int i = 29; i >= 0; i--) {
      assertThat(limiter.tryConsume("app", THIRTY))
          .isEqualTo(new RateLimitOutcome.Admitted(30, i, Duration.ofSeconds(2L * (30 - i))));
    }

    assertThat(limiter.tryConsume("app", THIRTY))
        .isEqualTo(new RateLimitOutcome.Refused(30, Duration.ofSeconds(2), Duration.ofMinutes(1)));
  }

  @Test
  void theBudgetRefillsContinuouslyNotAtAWindowBoundary() {
    spend("app", 30);
    now = now.plusMillis(1999);
    assertThat(limiter.tryConsume("app", THIRTY)).isInstanceOf(RateLimitOutcome.Refused.class);

    now = now.plusMillis(1);
    assertThat(limiter.tryConsume("app", THIRTY)).isEqualTo(new RateLimitOutcome.Admitted(30, 0, Duration.ofMinutes(1)));
    assertThat(limiter.tryConsume("app", THIRTY)).isInstanceOf(RateLimitOutcome.Refused.class);
  }

  @Test
  void eachBudgetIsCountedOnItsOwn() {
    spend("app", 30);

    assertThat(limiter.tryConsume("other app", THIRTY)).isInstanceOf(RateLimitOutcome.Admitted.class);
  }

  @Test
  void raisingTheLimitKeepsWhatWasSpent() {
    spend("app", 30);

    assertThat(limiter.tryConsume("app", new RequestsPerMinute(100)))
        .isEqualTo(new RateLimitOutcome.Admitted(100, 69, Duration.ofNanos(18_600_000_000L)));
  }

  @Test
  void loweringTheLimitKeepsWhatWasSpent() {
    spend("app", 10);

    RateLimitOutcome outcome = limiter.tryConsume("app", new RequestsPerMinute(15));

    assertThat(outcome).isInstanceOf(RateLimitOutcome.Admitted.class);
    assertThat(((RateLimitOutcome.Admitted) outcome).remaining()).isEqualTo(4);
  }

  @Test
  void aBudgetLeftAloneUntilItIsFullIsDroppedAndAnswersAsBeforeWhenItComesBack() {
    spend("app", 30);
    spend("other app", 1);

    now = now.plus(Bucket4jRateLimiter.SWEEP_INTERVAL);
    assertThat(limiter.tryConsume("third app", THIRTY)).isInstanceOf(RateLimitOutcome.Admitted.class);

    assertThat(limiter.budgetsHeld()).isEqualTo(1);
    assertThat(limiter.tryConsume("app", THIRTY))
        .isEqualTo(new RateLimitOutcome.Admitted(30, 29, Duration.ofSeconds(2)));
  }

  @Test
  void aBudgetStillRefillingWhenTheSweepComesIsKeptAndStaysExact() {
    spend("idle app", 1);
    now = now.plusSeconds(59);
    spend("app", 30);

    now = now.plusSeconds(1);
    assertThat(limiter.tryConsume("other app", THIRTY)).isInstanceOf(RateLimitOutcome.Admitted.class);

    assertThat(limiter.budgetsHeld()).as("app and other app; idle app was full").isEqualTo(2);
    assertThat(limiter.tryConsume("app", THIRTY)).isInstanceOf(RateLimitOutcome.Refused.class);
  }

  @Test
  void budgetsAreNotLookedAtBeforeTheSweepIsDue() {
    spend("app", 1);
    now = now.plus(Bucket4jRateLimiter.SWEEP_INTERVAL).minusMillis(1);

    spend("other app", 1);

    assertThat(limiter.budgetsHeld()).isEqualTo(2);
  }

  private void spend(String budget, int requests) {
    for (int i = 0; i < requests; i++) {
      assertThat(limiter.tryConsume(budget, THIRTY)).isInstanceOf(RateLimitOutcome.Admitted.class);
    }
  }
}
