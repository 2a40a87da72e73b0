package dev.latchkey.app.crypto;

import dev.latchkey.app.config.ConfigException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys webhook secrets are encrypted under, kept outside the database: one {@code <key
 * id>:<base64 of 32 bytes>} per line (or comma-separated, for an environment variable), the first
 * the primary that new values are sealed with, the others only open values sealed before a rotation.
 */
public final class WebhookKeys {
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\r\\n,]+");

  private final String primaryId;
  private final Map<String, SecretKey> keys;

  private WebhookKeys(String primaryId, Map<String, SecretKey> keys) {
    this.primaryId = primaryId;
    this.keys = keys;
  }

  /**
   * The keys of {@code text}.
   *
   * @throws ConfigException if there is none, one is malformed or not 32 bytes, or two share an id
   */
  public static WebhookKeys parse(String text, String source) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    for (String line : SEPARATORS.splitAsStream(text).toList()) {
      if (line.isBlank()) {
        continue;
      }
      String entry = line.strip();
      int colon = entry.indexOf(':');
      if (colon < 0 || !KEY_ID.matcher(entry.substring(0, colon)).matches()) {
        throw new ConfigException("the webhook key in " + source + " must look like <key id>:<base64 of 32 bytes>");
      }
      byte[] key;
      try {
        key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("the webhook key in " + source + " is not valid base64");
      }
      if (key.length != 32) {
        throw new ConfigException("the webhook key in " + source + " must be 32 bytes (AES-256)");
      }
      String id = entry.substring(0, colon);
      if (keys.put(id, new SecretKeySpec(key, "AES")) != null) {
        throw new ConfigException("the webhook keys in " + source + " name key id " + id + " twice");
      }
      order.add(id);
    }
    if (order.isEmpty()) {
      throw new ConfigException("the webhook key in " + source + " must look like <key id>:<base64 of 32 bytes>");
    }
    return new WebhookKeys(order.getFirst(), Map.copyOf(keys));
  }

  /** A new key in text form, with a random key id. */
  public static String generate(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    byte[] id = new byte[4];
    random.nextBytes(id);
    return "w" + HexFormat.of().formatHex(id) + ":" + Base64.getEncoder().encodeToString(key);
  }

  String primaryId() {
    return primaryId;
  }

  SecretKey primary() {
    return java.util.Objects.requireNonNull(keys.get(primaryId), "primary key");
  }

  /** The key named {@code id}, or null. */
  @org.jspecify.annotations.Nullable
  SecretKey byId(String id) {
    return keys.get(id);
  }

  @Override
  public String toString() {
    return "WebhookKeys[primary " + primaryId + ", " + (keys.size() - 1) + " previous, redacted]";
  }
}
