package dev.latchkey.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.app.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AesGcmSecretBoxTest {
  private final SecureRandom random = new SecureRandom();
  private final String oldKey = WebhookKeys.generate(random);
  private final String newKey = WebhookKeys.generate(random);
  private final byte[] rowA = "row-a".getBytes(StandardCharsets.UTF_8);
  private final byte[] rowB = "row-b".getBytes(StandardCharsets.UTF_8);
  private final byte[] secret = "hidden header value".getBytes(StandardCharsets.UTF_8);

  @Test
  void whatIsSealedOpensWithTheSameAssociatedData() {
    AesGcmSecretBox box = new AesGcmSecretBox(WebhookKeys.parse(oldKey, "test"), random);

    byte[] sealed = box.seal(secret, rowA);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hidden header value");
    assertThat(box.open(sealed, rowA)).isEqualTo(secret);
    assertThat(box.seal(secret, rowA)).as("a fresh nonce every time").isNotEqualTo(sealed);
  }

  @Test
  void aBlobMovedToAnotherRowOrAlteredDoesNotOpen() {
    AesGcmSecretBox box = new AesGcmSecretBox(WebhookKeys.parse(oldKey, "test"), random);
    byte[] sealed = box.seal(secret, rowA);

    assertThatThrownBy(() -> box.open(sealed, rowB)).isInstanceOf(IllegalStateException.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> box.open(sealed, rowA)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void afterARotationOldBlobsOpenAndNewOnesUseTheNewKey() {
    byte[] sealedBefore = new AesGcmSecretBox(WebhookKeys.parse(oldKey, "test"), random).seal(secret, rowA);
    AesGcmSecretBox rotated = new AesGcmSecretBox(WebhookKeys.parse(newKey + "\n" + oldKey, "test"), random);

    assertThat(rotated.open(sealedBefore, rowA)).isEqualTo(secret);
    byte[] sealedAfter = rotated.seal(secret, rowA);
    AesGcmSecretBox oldOnly = new AesGcmSecretBox(WebhookKeys.parse(oldKey, "test"), random);
    assertThatThrownBy(() -> oldOnly.open(sealedAfter, rowA)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lacks");
  }

  @Test
  void keysMustBeThirtyTwoBytesWithAnId() {
    assertThatThrownBy(() -> WebhookKeys.parse("k1:AAAA", "test")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> WebhookKeys.parse("no-colon", "test")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> WebhookKeys.parse(oldKey + "," + oldKey, "test")).isInstanceOf(ConfigException.class);
    assertThat(WebhookKeys.parse(oldKey, "test").toString()).doesNotContain(oldKey.substring(oldKey.indexOf(':') + 1));
  }
}
