package dev.latchkey.application.fakes;

import dev.latchkey.application.port.out.SecretGenerator;
import dev.latchkey.domain.token.Base62;
import dev.latchkey.domain.token.TokenFormat;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Well-formed tokens that are the same in every run: 32 characters derived from a hash of the call
 * number, so that tokens look unlike each other, then the call number itself, so that no two are
 * equal.
 */
public final class FakeSecretGenerator implements SecretGenerator {
  private static final int COUNTER_LENGTH = 11;

  private final String seed;
  private final List<TokenSecret> issued = new ArrayList<>();

  public FakeSecretGenerator(String seed) {
    this.seed = seed;
  }

  public FakeSecretGenerator() {
    this("latchkey-test");
  }

  @Override
  public synchronized TokenSecret newToken(TokenKind kind) {
    long n = issued.size();
    byte[] hash = sha256(seed + "/" + n);
    StringBuilder random = new StringBuilder(TokenFormat.RANDOM_LENGTH);
    for (int i = 0; random.length() < TokenFormat.RANDOM_LENGTH - COUNTER_LENGTH; i++) {
      random.append(Base62.ALPHABET.charAt(Byte.toUnsignedInt(hash[i]) % 62));
    }
    random.append(Base62.encode(n, COUNTER_LENGTH));
    TokenSecret secret = TokenSecret.assemble(kind, random.toString());
    issued.add(secret);
    return secret;
  }

  /** Every token handed out so far, oldest first. */
  public synchronized List<TokenSecret> issued() {
    return List.copyOf(issued);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
