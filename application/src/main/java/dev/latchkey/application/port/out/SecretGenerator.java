package dev.latchkey.application.port.out;

import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;

/** New token secrets from a cryptographically strong random source. */
public interface SecretGenerator {
  /** A fresh token of {@code kind} carrying at least 256 random bits. */
  TokenSecret newToken(TokenKind kind);
}
