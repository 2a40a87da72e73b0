package dev.latchkey.application.port.out;

import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenSecret;
import java.util.List;

/** Keyed hashing of tokens: HMAC-SHA256 under a pepper held outside the database. */
public interface TokenHasher {
  /** The digest of {@code secret} under the current pepper; what tokens are stored and found by. */
  TokenDigest digest(TokenSecret secret);

  /**
   * The digests of {@code secret} under the previous peppers of a rotation, which still verify
   * tokens stored before it; empty when nothing is being rotated out.
   */
  default List<TokenDigest> previousDigests(TokenSecret secret) {
    return List.of();
  }
}
