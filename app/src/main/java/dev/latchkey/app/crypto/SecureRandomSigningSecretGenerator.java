package dev.latchkey.app.crypto;

import dev.latchkey.application.port.out.SigningSecretGenerator;
import dev.latchkey.domain.webhook.SigningSecret;
import java.security.SecureRandom;

/** Webhook signing secrets of 32 bytes from {@link SecureRandom}. */
public final class SecureRandomSigningSecretGenerator implements SigningSecretGenerator {
  private final SecureRandom random;

  public SecureRandomSigningSecretGenerator(SecureRandom random) {
    this.random = random;
  }

  @Override
  public SigningSecret newSigningSecret() {
    byte[] key = new byte[SigningSecret.LENGTH];
    random.nextBytes(key);
    return SigningSecret.of(key);
  }
}
