package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.TokenHasher;
import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Real HMAC-SHA256, under a fixed test pepper with key id {@value #KEY_ID}. */
public final class FakeTokenHasher implements TokenHasher {
  public static final String KEY_ID = "test";
  private static final byte[] PEPPER = "latchkey test pepper, not a secret".getBytes(StandardCharsets.US_ASCII);

  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public TokenDigest digest(TokenSecret secret) {
    calls.incrementAndGet();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(PEPPER, "HmacSHA256"));
      return new TokenDigest(KEY_ID, mac.doFinal(secret.reveal().getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** How many tokens were hashed. */
  public int calls() {
    return calls.get();
  }
}
