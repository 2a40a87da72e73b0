package dev.latchkey.application.port.out;

import dev.latchkey.domain.token.TokenSecret;

/** The operator token of this installation, configured outside the database. */
public interface OperatorCredentials {
  /** Whether {@code secret} is the operator token; compared in constant time. */
  boolean matches(TokenSecret secret);
}
