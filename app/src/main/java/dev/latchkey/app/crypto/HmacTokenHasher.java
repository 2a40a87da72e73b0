package dev.latchkey.app.crypto;

import dev.latchkey.application.port.out.TokenHasher;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of tokens under the server pepper. */
public final class HmacTokenHasher implements TokenHasher {
  private static final String ALGORITHM = "HmacSHA256";

  private final String keyId;
  private final Mac prototype;

  public HmacTokenHasher(Pepper pepper) {
    this.keyId = pepper.keyId();
    try {
      this.prototype = Mac.getInstance(ALGORITHM);
      prototype.init(new SecretKeySpec(pepper.key(), ALGORITHM));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public TokenDigest digest(TokenSecret secret) {
    return new TokenDigest(keyId, mac().doFinal(secret.reveal().getBytes(StandardCharsets.US_ASCII)));
  }

  private Mac mac() {
    // Cloning the keyed prototype skips key setup on every call; requests run on fresh virtual
    // threads, where a ThreadLocal would not be reused.
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the HmacSHA256 provider cannot clone", e);
    }
  }
}
