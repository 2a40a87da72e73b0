package dev.latchkey.app.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.app.testing.TcpProxy;
import dev.latchkey.app.testing.TestRedis;
import dev.latchkey.domain.ratelimit.RateLimitOutcome;
import dev.latchkey.domain.ratelimit.RequestsPerMinute;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.LoggerFactory;

/** The Redis limiter against the real Redis of {@link TestRedis}, each test under a key prefix of its own. */
class RedisRateLimiterTest {
  private static final RequestsPerMinute THIRTY = new RequestsPerMinute(30);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static RedisClient inspector;
  private static StatefulRedisConnection<byte[], byte[]> inspection;

  private final List<RedisRateLimiter> limiters = new ArrayList<>();
  private String prefix;

  @BeforeAll
  static void connectTheInspector() {
    inspector = RedisClient.create(TestRedis.url());
    inspection = inspector.connect(ByteArrayCodec.INSTANCE);
  }

  @AfterAll
  static void disconnectTheInspector() {
    inspection.close();
    inspector.shutdown();
  }

  @AfterEach
  void stopTheLimiters() {
    limiters.forEach(RedisRateLimiter::stop);
  }

  private RedisRateLimiter limiter(TestInfo test) {
    return connectedLimiter(TestRedis.url(), test);
  }

  /** A limiter whose machine clocks (wall and monotonic) run {@code skewNanos} ahead of the others'. */
  private RedisRateLimiter limiter(String url, TestInfo test, long skewNanos) {
    if (prefix == null) {
      prefix = TestRedis.uniquePrefix(test.getTestMethod().orElseThrow().getName());
    }
    InstantSource wallClock = () -> Instant.now().plusNanos(skewNanos);
    RedisRateLimiter limiter = new RedisRateLimiter(url, prefix, wallClock, () -> System.nanoTime() + skewNanos);
    limiters.add(limiter);
    limiter.beat();
    return limiter;
  }

  /** A limiter that has reached Redis (on a loaded machine the first connection may take a while). */
  private RedisRateLimiter connectedLimiter(String url, TestInfo test) {
    RedisRateLimiter limiter = limiter(url, test, 0);
    awaitShared(limiter);
    return limiter;
  }

  @Test
  void thirtyRequestsFitInAMinuteAndTheThirtyFirstWaitsForOneToRefill(TestInfo test) {
    RedisRateLimiter limiter = limiter(test);
    assertThat(limiter.shared()).isTrue();

    for (int i = 29; i >= 0; i--) {
      RateLimitOutcome outcome = limiter.tryConsume("app", THIRTY);
      assertThat(outcome).isInstanceOf(RateLimitOutcome.Admitted.class);
      assertThat(((RateLimitOutcome.Admitted) outcome).remaining()).isEqualTo(i);
    }

    RateLimitOutcome refused = limiter.tryConsume("app", THIRTY);
    assertThat(refused).isInstanceOf(RateLimitOutcome.Refused.class);
    assertThat(((RateLimitOutcome.Refused) refused).retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(refused.untilFull()).isBetween(MINUTE.minusSeconds(1), MINUTE);
  }

  @Test
  void aZeroLimitIsAMistakeOfTheCallerNotRedisGoingAway(TestInfo test) {
    RedisRateLimiter limiter = limiter(test);

    assertThatThrownBy(() -> limiter.tryConsume("app", RequestsPerMinute.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(limiter.shared()).isTrue();
  }

  @Test
  void instancesSharingOneRedisShareOneBudgetExactlyUnderConcurrentLoad(TestInfo test) throws Exception {
    List<RedisRateLimiter> instances = List.of(limiter(test), limiter(test), limiter(test));
    RequestsPerMinute hundred = new RequestsPerMinute(100);

    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      RedisRateLimiter instance = instances.get(i % 3);
      calls.add(() -> instance.tryConsume("app", hundred) instanceof RateLimitOutcome.Admitted);
    }
    int admitted = 0;
    try (ExecutorService callers = Executors.newFixedThreadPool(24)) {
      for (Future<Boolean> call : callers.invokeAll(calls)) {
        admitted += call.get() ? 1 : 0;
      }
    }

    // 100 at once, plus what refills while the 300 calls run (100 a minute: well under 1 a call).
    assertThat(admitted).isBetween(100, 103);
    assertThat(instances).allMatch(RedisRateLimiter::shared);
  }

  @Test
  void aLargeBudgetIsTakenFromRedisAHundredRequestsAtATimeAndStaysShared(TestInfo test) {
    RedisRateLimiter a = limiter(test);
    RedisRateLimiter b = limiter(test);
    RequestsPerMinute large = new RequestsPerMinute(100_000);
    long start = System.nanoTime();

    RateLimitOutcome first = a.tryConsume("app", large);
    RateLimitOutcome second = b.tryConsume("app", large);
    RateLimitOutcome held = a.tryConsume("app", large);
    long inRedis = availableInRedis(a, "app", large);

    // At 100,000 a minute the budget refills by 1.67 a millisecond while this runs.
    long refilled = 2 + (System.nanoTime() - start) * 100_000 / Duration.ofMinutes(1).toNanos();
    // a took 100 and spent 1; b found 99,900 in Redis, took 100 and spent 1; a's next request came
    // from what it holds; Redis counts what both took, not what they spent.
    assertThat(((RateLimitOutcome.Admitted) first).remaining()).isEqualTo(99_999);
    assertThat(((RateLimitOutcome.Admitted) second).remaining()).isBetween(99_899L, 99_899L + refilled);
    assertThat(((RateLimitOutcome.Admitted) held).remaining()).isEqualTo(99_998);
    assertThat(inRedis).isBetween(99_800L, 99_800L + refilled);
  }

  @Test
  void anInstanceWhoseClockRunsAMinuteAheadFindsNothingRefilled(TestInfo test) {
    RedisRateLimiter onTime = limiter(test);
    RedisRateLimiter ahead = limiter(TestRedis.url(), test, MINUTE.toNanos());
    awaitShared(ahead);
    for (int i = 0; i < 30; i++) {
      assertThat(onTime.tryConsume("app", THIRTY)).isInstanceOf(RateLimitOutcome.Admitted.class);
    }

    // On its own clock a full minute has passed: the budget would be full again.
    assertThat(ahead.tryConsume("app", THIRTY)).isInstanceOf(RateLimitOutcome.Refused.class);
  }

  @Test
  void raisingTheLimitOnAnyInstanceKeepsWhatWasSpent(TestInfo test) {
    RedisRateLimiter a = limiter(test);
    RedisRateLimiter b = limiter(test);
    for (int i = 0; i < 30; i++) {
      a.tryConsume("app", THIRTY);
    }

    RateLimitOutcome raised = b.tryConsume("app", new RequestsPerMinute(100));

    assertThat(raised).isInstanceOf(RateLimitOutcome.Admitted.class);
    assertThat(((RateLimitOutcome.Admitted) raised).remaining()).isEqualTo(69);
    assertThat(((RateLimitOutcome.Admitted) a.tryConsume("app", new RequestsPerMinute(100))).remaining())
        .isEqualTo(68);
  }

  @Test
  void loweringTheLimitTakesTheDifferenceAwayFirst(TestInfo test) {
    RedisRateLimiter a = limiter(test);
    RedisRateLimiter b = limiter(test);
    for (int i = 0; i < 10; i++) {
      a.tryConsume("app", THIRTY);
    }

    RateLimitOutcome lowered = b.tryConsume("app", new RequestsPerMinute(15));

    assertThat(lowered).isInstanceOf(RateLimitOutcome.Admitted.class);
    assertThat(((RateLimitOutcome.Admitted) lowered).remaining()).isEqualTo(4);
    assertThat(lowered.limit()).isEqualTo(15);
  }

  @Test
  void aBucketKeyExpiresOnceItsBudgetWouldBeFullAgain(TestInfo test) {
    RedisRateLimiter limiter = limiter(test);
    limiter.tryConsume("app", THIRTY);
    limiter.tryConsume("untouched app", THIRTY);
    for (int i = 0; i < 29; i++) {
      limiter.tryConsume("app", THIRTY);
    }

    long spentTtl = inspection.sync().pttl(limiter.buckets().key("app"));
    long barelyUsedTtl = inspection.sync().pttl(limiter.buckets().key("untouched app"));

    // Full after 60 s (all spent) or 2 s (one spent), kept RedisBuckets.KEEP_AFTER_FULL longer.
    long keep = RedisBuckets.KEEP_AFTER_FULL.toMillis();
    assertThat(spentTtl).isBetween(MINUTE.toMillis() + keep - 5_000, MINUTE.toMillis() + keep);
    assertThat(barelyUsedTtl).isBetween(1L, 2_000 + keep);
  }

  @Test
  void whenRedisGoesAwayEachInstanceLimitsAloneWithItsShareAndComesBackWhenRedisAnswers(TestInfo test) {
    Logger logger = (Logger) LoggerFactory.getLogger(RedisRateLimiter.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    try (TcpProxy proxy = new TcpProxy(TestRedis.host(), TestRedis.port())) {
      RedisRateLimiter peer = limiter(test);
      RedisRateLimiter limiter = connectedLimiter(proxy.redisUrl(), test);
      limiter.beat();
      logger.addAppender(logged);
      assertThat(limiter.instances()).isEqualTo(2);
      limiter.tryConsume("app", THIRTY);

      proxy.cut();
      long start = System.nanoTime();
      List<RateLimitOutcome> alone = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        alone.add(limiter.tryConsume("app", THIRTY));
      }
      limiter.beat();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // Its share: 30 / 2 instances, counted afresh in memory.
      assertThat(alone.subList(0, 15)).allMatch(o -> o instanceof RateLimitOutcome.Admitted a && a.limit() == 15);
      assertThat(alone.get(15)).isInstanceOf(RateLimitOutcome.Refused.class);
      assertThat(took).as("no call waits for a Redis that is away").isLessThan(Duration.ofSeconds(3));
      assertThat(limiter.shared()).isFalse();
      assertThat(peer.tryConsume("app", THIRTY)).as("the peer still reaches Redis")
          .isInstanceOf(RateLimitOutcome.Admitted.class);

      proxy.restore();
      awaitShared(limiter);
      RateLimitOutcome backInRedis = limiter.tryConsume("app", THIRTY);
      assertThat(backInRedis.limit()).isEqualTo(30);
      assertThat(((RateLimitOutcome.Admitted) backInRedis).remaining())
          .as("counted in Redis again: 1 before the cut, 1 by the peer, this one, and what refilled")
          .isBetween(25L, 29L);
    } finally {
      logger.detachAppender(logged);
    }
    List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).contains("does not answer").contains("1/2");
    assertThat(warnings.get(1)).contains("answers again");
  }

  @Test
  void anInstanceThatFindsNoRedisAtStartLimitsAloneUntilOneAnswers(TestInfo test) {
    try (TcpProxy proxy = new TcpProxy(TestRedis.host(), TestRedis.port())) {
      proxy.cut();
      RedisRateLimiter limiter = limiter(proxy.redisUrl(), test, 0);
      assertThat(limiter.shared()).isFalse();
      assertThat(limiter.tryConsume("app", THIRTY)).isInstanceOf(RateLimitOutcome.Admitted.class);

      proxy.restore();
      awaitShared(limiter);
      assertThat(limiter.tryConsume("app", THIRTY))
          .as("counted in Redis, where the budget was never touched")
          .isInstanceOf(RateLimitOutcome.Admitted.class)
          .extracting(o -> ((RateLimitOutcome.Admitted) o).remaining()).isEqualTo(29L);
    }
  }

  /** Beats until the limiter reaches Redis again (Lettuce reconnects on its own schedule). */
  /** What Redis held of {@code budget} just before one request more was spent there directly. */
  private static long availableInRedis(RedisRateLimiter limiter, String budget, RequestsPerMinute limit) {
    RateLimitOutcome probe = limiter.buckets().tryConsume(budget, limit, 1);
    long remaining = ((RateLimitOutcome.Admitted) probe).remaining();
    return remaining + 1;
  }

  private static void awaitShared(RedisRateLimiter limiter) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!limiter.shared()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the limiter never reached Redis again");
      }
      limiter.beat();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
