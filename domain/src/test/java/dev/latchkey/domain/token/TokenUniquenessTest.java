package dev.latchkey.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenUniquenessTest {
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int COUNT = 1_000_000;

  @Test
  void noTwoOfAMillionTokensCollide() {
    UnbiasedBase62 random = new UnbiasedBase62(new SecureRandom());
    Set<String> tokens = new HashSet<>(2 * COUNT);

    for (int i = 0; i < COUNT; i++) {
      tokens.add(TokenSecret.assemble(TokenKind.PRIVATE_APP, random.next(TokenFormat.RANDOM_LENGTH)).reveal());
    }

    assertThat(tokens).hasSize(COUNT);
  }

  /** Base62 characters by rejection sampling: 6 random bits, values 62 and 63 are drawn again. */
  private static final class UnbiasedBase62 {
    private final SecureRandom random;
    private final byte[] buffer = new byte[64 * 1024];
    private int position = buffer.length;

    UnbiasedBase62(SecureRandom random) {
      this.random = random;
    }

    String next(int length) {
      char[] chars = new char[length];
      for (int i = 0; i < length; ) {
        int sixBits = nextByte() & 0x3f;
        if (sixBits < 62) {
          chars[i++] = BASE62.charAt(sixBits);
        }
      }
      return new String(chars);
    }

    private byte nextByte() {
      if (position == buffer.length) {
        random.nextBytes(buffer);
        position = 0;
      }
      return buffer[position++];
    }
  }
}
