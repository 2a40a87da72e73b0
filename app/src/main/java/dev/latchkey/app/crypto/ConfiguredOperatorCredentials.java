package dev.latchkey.app.crypto;

import dev.latchkey.application.port.out.OperatorCredentials;
import dev.latchkey.application.port.out.TokenHasher;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenSecret;

/** The operator token from configuration, kept in memory only as its digest. */
public final class ConfiguredOperatorCredentials implements OperatorCredentials {
  private final TokenHasher hasher;
  private final TokenDigest expected;

  public ConfiguredOperatorCredentials(TokenHasher hasher, TokenSecret operatorToken) {
    this.hasher = hasher;
    this.expected = hasher.digest(operatorToken);
  }

  @Override
  public boolean matches(TokenSecret secret) {
    // TokenDigest.equals compares in constant time.
    return expected.equals(hasher.digest(secret));
  }
}
