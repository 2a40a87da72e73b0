package dev.latchkey.domain.webhook;

import dev.latchkey.domain.common.InvalidValueException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The key deliveries are signed with (Standard Webhooks): shown once as {@code whsec_<base64>},
 * printed redacted otherwise.
 */
public final class SigningSecret {
  public static final String PREFIX = "whsec_";
  public static final int LENGTH = 32;

  private final byte[] key;

  private SigningSecret(byte[] key) {
    this.key = key.clone();
  }

  /** A secret from its raw key bytes (24 to 64 bytes). */
  public static SigningSecret of(byte[] key) {
    if (key.length < 24 || key.length > 64) {
      throw new InvalidValueException("a signing key has 24 to 64 bytes");
    }
    return new SigningSecret(key);
  }

  /** The secret in {@code whsec_<base64>} form, if it is one. */
  public static Optional<SigningSecret> parse(String text) {
    if (!text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      byte[] key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
      return key.length < 24 || key.length > 64 ? Optional.empty() : Optional.of(new SigningSecret(key));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public byte[] key() {
    return key.clone();
  }

  /** The {@code whsec_...} text: for the create and rotate responses only. */
  public String reveal() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigningSecret s && MessageDigest.isEqual(key, s.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "SigningSecret[redacted]";
  }
}
