package dev.latchkey.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UuidV7GeneratorTest {
  private static final long NOW = Instant.parse("2025-06-01T12:00:00.123Z").toEpochMilli();
  private static final InstantSource FROZEN = InstantSource.fixed(Instant.ofEpochMilli(NOW));

  private static long millisOf(UUID id) {
    return id.getMostSignificantBits() >>> 16;
  }

  /** RFC 9562 order, the order PostgreSQL sorts uuid columns in: unsigned, byte by byte. */
  private static int compareUnsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  private static List<UUID> generate(UuidV7Generator generator, int count) {
    List<UUID> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(generator.newId());
    }
    return ids;
  }

  private static void assertStrictlyIncreasing(List<UUID> ids) {
    for (int i = 1; i < ids.size(); i++) {
      assertThat(compareUnsigned(ids.get(i - 1), ids.get(i))).as("id %d after id %d", i, i - 1).isNegative();
      assertThat(ids.get(i - 1).toString()).isLessThan(ids.get(i).toString());
    }
  }

  @Test
  void idsAreVersion7Variant2() {
    for (UUID id : generate(new UuidV7Generator(FROZEN, new SecureRandom()), 1000)) {
      assertThat(id.version()).isEqualTo(7);
      assertThat(id.variant()).isEqualTo(2);
      assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }
  }

  @Test
  void idsStrictlyIncreaseEvenWhenTheClockStandsStill() {
    List<UUID> ids = generate(new UuidV7Generator(FROZEN, new SecureRandom()), 10_000);

    assertStrictlyIncreasing(ids);
    assertThat(new HashSet<>(ids)).hasSize(10_000);
  }

  @Test
  void theTimePartIsTheClocksMillis() {
    List<UUID> ids = generate(new UuidV7Generator(FROZEN, new SecureRandom()), 4096);

    assertThat(ids).allSatisfy(id -> assertThat(millisOf(id)).isEqualTo(NOW));
  }

  @Test
  void pastFourThousandIdsInOneMillisecondTheTimePartBorrowsFromTheNextOne() {
    List<UUID> ids = generate(new UuidV7Generator(FROZEN, new SecureRandom()), 10_000);

    // 4,096 sequence values per millisecond: 10,000 ids span NOW, NOW + 1 and NOW + 2.
    assertThat(ids.stream().map(UuidV7GeneratorTest::millisOf).distinct())
        .containsExactly(NOW, NOW + 1, NOW + 2);
  }

  @Test
  void aTickingClockGivesEachIdItsOwnMillisecond() {
    AtomicLong millis = new AtomicLong(NOW);
    InstantSource ticking = () -> Instant.ofEpochMilli(millis.getAndAdd(5));

    List<UUID> ids = generate(new UuidV7Generator(ticking, new SecureRandom()), 100);

    for (int i = 0; i < ids.size(); i++) {
      assertThat(millisOf(ids.get(i))).isEqualTo(NOW + 5L * i);
    }
    assertStrictlyIncreasing(ids);
  }

  @Test
  void idsStillIncreaseWhenTheClockGoesBackwards() {
    AtomicLong millis = new AtomicLong(NOW);
    InstantSource backwards = () -> Instant.ofEpochMilli(millis.getAndAdd(-3));

    List<UUID> ids = generate(new UuidV7Generator(backwards, new SecureRandom()), 1000);

    assertStrictlyIncreasing(ids);
    assertThat(ids).allSatisfy(id -> assertThat(millisOf(id)).isEqualTo(NOW));
  }

  @Test
  void idsFromManyThreadsAtOnceAreAllDistinct() throws Exception {
    UuidV7Generator generator = new UuidV7Generator(InstantSource.system(), new SecureRandom());
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<UUID>>> results = new ArrayList<>();
    Set<UUID> all = ConcurrentHashMap.newKeySet();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          start.await();
          return generate(generator, 5000);
        }));
      }
      start.countDown();
      for (Future<List<UUID>> result : results) {
        List<UUID> ids = result.get(60, TimeUnit.SECONDS);
        assertStrictlyIncreasing(ids); // each thread sees its own ids in order
        all.addAll(ids);
      }
    }
    assertThat(all).hasSize(threads * 5000);
  }

  @Test
  void theRandomBitsDifferFromIdToId() {
    List<UUID> ids = generate(new UuidV7Generator(FROZEN, new SecureRandom()), 1000);

    assertThat(ids.stream().map(UUID::getLeastSignificantBits).distinct()).hasSize(1000);
  }
}
