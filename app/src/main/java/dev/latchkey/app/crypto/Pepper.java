package dev.latchkey.app.crypto;

import dev.latchkey.app.config.ConfigException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret key tokens are hashed under, with an id so that it can be rotated: stored digests name
 * the key id they were made with. Text form {@code <key id>:<base64 of 32 bytes>}.
 */
public final class Pepper {
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  private final String keyId;
  private final byte[] key;

  private Pepper(String keyId, byte[] key) {
    this.keyId = keyId;
    this.key = key;
  }

  public static Pepper parse(String text, String source) {
    int colon = text.indexOf(':');
    if (colon < 0 || !KEY_ID.matcher(text.substring(0, colon)).matches()) {
      throw new ConfigException("the pepper in " + source + " must look like <key id>:<base64 of 32 bytes>");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.substring(colon + 1).strip());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("the pepper in " + source + " is not valid base64");
    }
    if (key.length < 32) {
      throw new ConfigException("the pepper in " + source + " must be at least 32 bytes");
    }
    return new Pepper(text.substring(0, colon), key);
  }

  /** A new pepper in text form, with a random key id. */
  public static String generate(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] id = new byte[4];
    random.nextBytes(id);
    return "p" + HexFormat.of().formatHex(id) + ":" + Base64.getEncoder().encodeToString(key);
  }

  public String keyId() {
    return keyId;
  }

  byte[] key() {
    return Arrays.copyOf(key, key.length);
  }

  @Override
  public String toString() {
    return "Pepper[" + keyId + ", redacted]";
  }
}
