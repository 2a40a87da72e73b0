package dev.latchkey.app.crypto;

import dev.latchkey.application.port.out.SecretGenerator;
import dev.latchkey.domain.token.Base62;
import dev.latchkey.domain.token.TokenFormat;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import java.security.SecureRandom;

/** Token secrets from {@link SecureRandom}: 43 unbiased base62 characters, about 256 bits. */
public final class SecureRandomSecretGenerator implements SecretGenerator {
  /** The largest multiple of 62 that fits in a byte: bytes at or above it are redrawn. */
  private static final int UNBIASED_LIMIT = 62 * 4;

  private final SecureRandom random;

  public SecureRandomSecretGenerator(SecureRandom random) {
    this.random = random;
  }

  @Override
  public TokenSecret newToken(TokenKind kind) {
    StringBuilder chars = new StringBuilder(TokenFormat.RANDOM_LENGTH);
    byte[] buffer = new byte[64];
    while (chars.length() < TokenFormat.RANDOM_LENGTH) {
      random.nextBytes(buffer);
      for (int i = 0; i < buffer.length && chars.length() < TokenFormat.RANDOM_LENGTH; i++) {
        int b = buffer[i] & 0xff;
        if (b < UNBIASED_LIMIT) {
          chars.append(Base62.ALPHABET.charAt(b % 62));
        }
      }
    }
    return TokenSecret.assemble(kind, chars.toString());
  }
}
