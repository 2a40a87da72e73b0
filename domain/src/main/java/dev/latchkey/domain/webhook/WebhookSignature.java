package dev.latchkey.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Standard Webhooks signature: {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." +
 * body)>}, one entry per signing secret, separated by spaces, so any Standard Webhooks library
 * verifies it.
 */
public final class WebhookSignature {
  private WebhookSignature() {}

  /** One {@code v1,...} entry. */
  public static String sign(SigningSecret secret, String messageId, long timestampSeconds, byte[] body) {
    byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    return "v1," + Base64.getEncoder().encodeToString(hmacSha256(secret.key(), prefix, body));
  }

  /**
   * HMAC-SHA256 (RFC 2104) over {@code first} then {@code second}, built on {@link MessageDigest}:
   * the domain uses nothing beyond {@code java.*}. Checked against the Standard Webhooks test vector.
   */
  static byte[] hmacSha256(byte[] key, byte[] first, byte[] second) {
    MessageDigest sha256 = sha256();
    byte[] block = new byte[64];
    byte[] k = key.length > block.length ? sha256.digest(key) : key;
    System.arraycopy(k, 0, block, 0, k.length);
    byte[] inner = new byte[64];
    byte[] outer = new byte[64];
    for (int i = 0; i < 64; i++) {
      inner[i] = (byte) (block[i] ^ 0x36);
      outer[i] = (byte) (block[i] ^ 0x5c);
    }
    sha256.update(inner);
    sha256.update(first);
    byte[] innerHash = sha256.digest(second);
    sha256.update(outer);
    return sha256.digest(innerHash);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The {@code webhook-signature} header value: an entry per secret, space-separated. */
  public static String header(List<SigningSecret> secrets, String messageId, long timestampSeconds, byte[] body) {
    return secrets.stream().map(s -> sign(s, messageId, timestampSeconds, body)).collect(Collectors.joining(" "));
  }
}
