package dev.latchkey.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.app.config.ConfigException;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PepperTest {
  private static final String KEY_32 = base64(32);

  private static String base64(int bytes) {
    byte[] key = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      key[i] = (byte) (i * 7 + 1);
    }
    return Base64.getEncoder().encodeToString(key);
  }

  @Test
  void aKeyIdAndThirtyTwoBytesMakeAPepper() {
    Pepper pepper = Pepper.parse("k1:" + KEY_32, "test");

    assertThat(pepper.keyId()).isEqualTo("k1");
    assertThat(pepper.key()).isEqualTo(Base64.getDecoder().decode(KEY_32));
  }

  @Test
  void longerKeysAndEveryKeyIdCharacterAreAccepted() {
    String keyId = "Ab_9-" + "x".repeat(27);

    Pepper pepper = Pepper.parse(keyId + ":" + base64(64), "test");

    assertThat(pepper.keyId()).isEqualTo(keyId);
    assertThat(pepper.key()).hasSize(64);
  }

  @Test
  void aGeneratedPepperParses() {
    String text = Pepper.generate(new SecureRandom());

    Pepper pepper = Pepper.parse(text, "generated");

    assertThat(text).startsWith(pepper.keyId() + ":");
    assertThat(pepper.key()).hasSize(32);
  }

  @Test
  void twoGeneratedPeppersDiffer() {
    SecureRandom random = new SecureRandom();

    assertThat(Pepper.generate(random)).isNotEqualTo(Pepper.generate(random));
  }

  @Test
  void theKeyCannotBeChangedThroughWhatKeyReturns() {
    Pepper pepper = Pepper.parse("k1:" + KEY_32, "test");

    pepper.key()[0] ^= 1;

    assertThat(pepper.key()).isEqualTo(Base64.getDecoder().decode(KEY_32));
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-colon-here", ":", "k 1:", "k.1:", "k\u00e9:", "thirty-three-characters-long-id-x:"})
  void aPepperWithoutAValidKeyIdIsRejected(String prefix) {
    String text = prefix + KEY_32;

    assertThatThrownBy(() -> Pepper.parse(text, "/etc/latchkey/pepper"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the pepper in /etc/latchkey/pepper must look like <key id>:<base64 of 32 bytes>");
  }

  @Test
  void aPepperWithoutAKeyIdIsRejected() {
    assertThatThrownBy(() -> Pepper.parse(":" + KEY_32, "LATCHKEY_PEPPER"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("<key id>:");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "QUJD$", "QUJDRA===", "QUJD RA=="})
  void aPepperThatIsNotBase64IsRejected(String key) {
    assertThatThrownBy(() -> Pepper.parse("k1:" + key, "LATCHKEY_PEPPER"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the pepper in LATCHKEY_PEPPER is not valid base64");
  }

  @Test
  void aPepperShorterThanThirtyTwoBytesIsRejectedWithoutShowingIt() {
    String key = base64(31);

    assertThatThrownBy(() -> Pepper.parse("k1:" + key, "LATCHKEY_PEPPER"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the pepper in LATCHKEY_PEPPER must be at least 32 bytes")
        .hasMessageNotContaining(key);
    assertThatThrownBy(() -> Pepper.parse("k1:", "LATCHKEY_PEPPER")).isInstanceOf(ConfigException.class);
  }

  @Test
  void toStringShowsTheKeyIdButNotTheKey() {
    Pepper pepper = Pepper.parse("k1:" + KEY_32, "test");

    assertThat(pepper.toString())
        .isEqualTo("Pepper[k1, redacted]")
        .doesNotContain(KEY_32.substring(0, 8));
  }
}
