package dev.latchkey.application.port.out;

import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenSecret;

/** Keyed hashing of tokens: HMAC-SHA256 under a pepper held outside the database. */
public interface TokenHasher {
  /** The digest of {@code secret} under the current pepper; what tokens are stored and found by. */
  TokenDigest digest(TokenSecret secret);
}
