package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.IdGenerator;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic UUIDv7 ids: the n-th id has the timestamp {@code start + n} milliseconds and {@code
 * n} as its random part, so that every id is later, and sorts after, the one before.
 */
public final class SequentialIdGenerator implements IdGenerator {
  private final long startMillis;
  private final AtomicLong sequence = new AtomicLong();

  public SequentialIdGenerator(Instant start) {
    this.startMillis = start.toEpochMilli();
  }

  public SequentialIdGenerator() {
    this(FixedClock.DEFAULT);
  }

  @Override
  public UUID newId() {
    long n = sequence.getAndIncrement();
    long millis = startMillis + n;
    long mostSignificant = (millis << 16) | 0x7000L;
    long leastSignificant = 0x8000_0000_0000_0000L | (n & 0x3fff_ffff_ffff_ffffL);
    return new UUID(mostSignificant, leastSignificant);
  }
}
