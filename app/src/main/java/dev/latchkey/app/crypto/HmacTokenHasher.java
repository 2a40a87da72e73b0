package dev.latchkey.app.crypto;

import dev.latchkey.application.port.out.TokenHasher;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of tokens under the primary pepper, and under the previous ones of a rotation. */
public final class HmacTokenHasher implements TokenHasher {
  private static final String ALGORITHM = "HmacSHA256";

  private record Keyed(String keyId, Mac prototype) {}

  private final Keyed primary;
  private final List<Keyed> previous;

  public HmacTokenHasher(Pepper pepper) {
    this(new Peppers(pepper, List.of()));
  }

  public HmacTokenHasher(Peppers peppers) {
    this.primary = keyed(peppers.primary());
    this.previous = peppers.previous().stream().map(HmacTokenHasher::keyed).toList();
  }

  private static Keyed keyed(Pepper pepper) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(pepper.key(), ALGORITHM));
      return new Keyed(pepper.keyId(), mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public TokenDigest digest(TokenSecret secret) {
    return digest(primary, secret);
  }

  @Override
  public List<TokenDigest> previousDigests(TokenSecret secret) {
    return previous.stream().map(key -> digest(key, secret)).toList();
  }

  private static TokenDigest digest(Keyed key, TokenSecret secret) {
    return new TokenDigest(key.keyId(), mac(key).doFinal(secret.reveal().getBytes(StandardCharsets.US_ASCII)));
  }

  private static Mac mac(Keyed key) {
    // Cloning the keyed prototype skips key setup on every call; requests run on fresh virtual
    // threads, where a ThreadLocal would not be reused.
    try {
      return (Mac) key.prototype().clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the HmacSHA256 provider cannot clone", e);
    }
  }
}
