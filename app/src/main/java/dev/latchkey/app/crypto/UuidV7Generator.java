package dev.latchkey.app.crypto;

import dev.latchkey.application.port.out.IdGenerator;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit sequence, then 62 random bits. Ids
 * from one instance strictly increase (the sequence orders ids within a millisecond), so "newest
 * first" is a keyset scan on the id and indexes stay compact.
 */
public final class UuidV7Generator implements IdGenerator {
  private static final int SEQUENCE_MAX = (1 << 12) - 1;

  private final InstantSource clock;
  private final SecureRandom random;
  private long lastMillis = -1;
  private int sequence;

  public UuidV7Generator(InstantSource clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  @Override
  public UUID newId() {
    long millis;
    int seq;
    synchronized (this) {
      millis = Math.max(clock.millis(), lastMillis);
      if (millis == lastMillis) {
        if (sequence == SEQUENCE_MAX) {
          millis++; // borrow from the next millisecond rather than repeat or go backwards
          sequence = 0;
        } else {
          sequence++;
        }
      } else {
        sequence = 0;
      }
      lastMillis = millis;
      seq = sequence;
    }
    long msb = (millis << 16) | 0x7000L | seq;
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
