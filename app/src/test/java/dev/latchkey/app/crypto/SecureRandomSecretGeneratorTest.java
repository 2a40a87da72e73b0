package dev.latchkey.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.token.Base62;
import dev.latchkey.domain.token.TokenFormat;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SecureRandomSecretGeneratorTest {
  /**
   * Chi-square with 61 degrees of freedom: mean 61, and above 120 with a probability of about 1e-5.
   * A modulo-biased draw ({@code byte % 62}) over 100,000 characters scores about 660.
   */
  private static final double CHI_SQUARE_BOUND = 150;

  private static final int SAMPLE_CHARS = 100_000;

  /** Deterministic: SHA1PRNG seeded before its first use does not mix in system entropy. */
  private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(seed);
    return random;
  }

  private static String randomPart(TokenSecret token) {
    return token.reveal().substring(TokenFormat.PREFIX_LENGTH, TokenFormat.PREFIX_LENGTH + TokenFormat.RANDOM_LENGTH);
  }

  @ParameterizedTest
  @EnumSource(TokenKind.class)
  void tokensParseBackAsTheirKind(TokenKind kind) {
    SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator(new SecureRandom());

    for (int i = 0; i < 100; i++) {
      TokenSecret token = generator.newToken(kind);

      assertThat(token.kind()).isEqualTo(kind);
      assertThat(token.reveal()).hasSize(TokenFormat.LENGTH).startsWith(kind.prefix());
      assertThat(TokenSecret.parse(token.reveal())).contains(token);
    }
  }

  @Test
  void tokensAreDistinct() {
    SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator(new SecureRandom());
    Set<String> seen = new HashSet<>();

    for (int i = 0; i < 10_000; i++) {
      seen.add(randomPart(generator.newToken(TokenKind.PRIVATE_APP)));
    }

    assertThat(seen).hasSize(10_000);
  }

  @Test
  void theRandomPartUsesEveryBase62CharacterAboutEquallyOften() throws NoSuchAlgorithmException {
    SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator(seeded(20_250_101L));
    long[] counts = new long[62];
    int total = 0;
    while (total < SAMPLE_CHARS) {
      for (char c : randomPart(generator.newToken(TokenKind.PERSONAL)).toCharArray()) {
        counts[Base62.ALPHABET.indexOf(c)]++;
        total++;
      }
    }

    assertThat(counts).doesNotContain(0L);
    assertThat(chiSquare(counts, total)).isLessThan(CHI_SQUARE_BOUND);
  }

  @Test
  void theUniformityBoundCatchesAModuloBias() throws NoSuchAlgorithmException {
    // The check above is only worth something if a biased generator fails it.
    SecureRandom random = seeded(7L);
    IntSupplier biased = () -> {
      byte[] b = new byte[1];
      random.nextBytes(b);
      return (b[0] & 0xff) % 62;
    };
    long[] counts = new long[62];
    for (int i = 0; i < SAMPLE_CHARS; i++) {
      counts[biased.getAsInt()]++;
    }

    assertThat(chiSquare(counts, SAMPLE_CHARS)).isGreaterThan(CHI_SQUARE_BOUND);
  }

  @Test
  void bytesThatWouldBiasTheAlphabetAreDrawnAgain() {
    // 248..255 are rejected; 0..247 map to byte % 62.
    SecureRandom scripted = new SecureRandom() {
      private int calls;

      @Override
      public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = calls == 0 ? (byte) (248 + i % 8) : (byte) (i % 2 == 0 ? 247 : 62 + i / 2);
        }
        calls++;
      }
    };

    TokenSecret token = new SecureRandomSecretGenerator(scripted).newToken(TokenKind.PRIVATE_APP);

    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < TokenFormat.RANDOM_LENGTH; i++) {
      expected.append(i % 2 == 0 ? 'z' : Base62.ALPHABET.charAt(i / 2));
    }
    assertThat(randomPart(token)).isEqualTo(expected.toString());
  }

  private static double chiSquare(long[] counts, int total) {
    double expected = (double) total / counts.length;
    double sum = 0;
    for (long count : counts) {
      sum += (count - expected) * (count - expected) / expected;
    }
    return sum;
  }
}
