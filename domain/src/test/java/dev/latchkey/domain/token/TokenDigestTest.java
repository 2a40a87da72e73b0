package dev.latchkey.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenDigestTest {
  private static byte[] bytes(int first) {
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (first + 7 * i);
    }
    return bytes;
  }

  @Test
  void digestsWithTheSameKeyAndBytesAreEqual() {
    assertThat(new TokenDigest("k1", bytes(1)))
        .isEqualTo(new TokenDigest("k1", bytes(1)))
        .hasSameHashCodeAs(new TokenDigest("k1", bytes(1)));
  }

  @Test
  void digestsUnderAnotherKeyOrWithOtherBytesAreNotEqual() {
    TokenDigest digest = new TokenDigest("k1", bytes(1));

    assertThat(digest).isNotEqualTo(new TokenDigest("k2", bytes(1))).isNotEqualTo(new TokenDigest("k1", bytes(2)));
  }

  @Test
  void changingTheInputArrayLaterDoesNotChangeTheDigest() {
    byte[] input = bytes(1);
    TokenDigest digest = new TokenDigest("k1", input);

    input[0] ^= 0x55;

    assertThat(digest.bytes()).isEqualTo(bytes(1));
  }

  @Test
  void changingTheReturnedArrayDoesNotChangeTheDigest() {
    TokenDigest digest = new TokenDigest("k1", bytes(1));

    digest.bytes()[0] ^= 0x55;

    assertThat(digest).isEqualTo(new TokenDigest("k1", bytes(1)));
  }

  @Test
  void onlyThirtyTwoBytesAreADigest() {
    assertThatThrownBy(() -> new TokenDigest("k1", new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenDigest("k1", new byte[33])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenDigest(null, new byte[32])).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toStringNamesTheKeyButDoesNotDumpTheBytes() {
    byte[] bytes = bytes(1);
    String printed = new TokenDigest("k1", bytes).toString();

    assertThat(printed)
        .contains("k1")
        .doesNotContain(HexFormat.of().formatHex(bytes))
        .doesNotContain(HexFormat.of().formatHex(bytes, 4, 32))
        .doesNotContain(java.util.Arrays.toString(bytes))
        .hasSizeLessThan(40);
  }
}
