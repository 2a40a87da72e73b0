package dev.latchkey.domain.token;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * HMAC-SHA256 of a token under the server pepper named by {@code keyId}. This, never the token, is
 * what is stored and looked up.
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; equals, hashCode, toString are overridden
public record TokenDigest(String keyId, byte[] bytes) {
  public TokenDigest {
    Objects.requireNonNull(keyId, "keyId");
    if (bytes.length != 32) {
      throw new IllegalArgumentException("an HMAC-SHA256 digest is 32 bytes");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenDigest other
        && keyId.equals(other.keyId)
        && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "TokenDigest[" + keyId + ":" + HexFormat.of().formatHex(bytes, 0, 4) + "...]";
  }
}
