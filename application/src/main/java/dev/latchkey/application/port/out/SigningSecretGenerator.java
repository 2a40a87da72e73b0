package dev.latchkey.application.port.out;

import dev.latchkey.domain.webhook.SigningSecret;

/** New webhook signing secrets from a cryptographically strong random source. */
public interface SigningSecretGenerator {
  /** A fresh secret of {@link SigningSecret#LENGTH} random bytes. */
  SigningSecret newSigningSecret();
}
