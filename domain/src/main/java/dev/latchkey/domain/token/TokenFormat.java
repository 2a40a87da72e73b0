package dev.latchkey.domain.token;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * {@code <prefix><random><checksum>}: a 4-character prefix naming the kind, 43 base62 characters of
 * randomness (256 bits), and the CRC-32 (IEEE) of prefix plus random as 6 base62 characters. The
 * checksum lets anyone reject a mistyped or made-up token offline, and lets the server reject one
 * without a database query.
 */
public final class TokenFormat {
  public static final int PREFIX_LENGTH = 4;
  public static final int RANDOM_LENGTH = 43;
  public static final int CHECKSUM_LENGTH = 6;
  public static final int LENGTH = PREFIX_LENGTH + RANDOM_LENGTH + CHECKSUM_LENGTH;

  private TokenFormat() {}

  /** The checksum of {@code prefixAndRandom}, as the last six characters of a token. */
  public static String checksum(CharSequence prefixAndRandom) {
    CRC32 crc = new CRC32();
    crc.update(prefixAndRandom.toString().getBytes(StandardCharsets.US_ASCII));
    return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
  }

  /** Whether {@code candidate} has the shape of a token and its checksum matches. */
  public static boolean isWellFormed(CharSequence candidate) {
    if (candidate == null || candidate.length() != LENGTH) {
      return false;
    }
    if (TokenKind.ofToken(candidate).isEmpty()) {
      return false;
    }
    for (int i = PREFIX_LENGTH; i < LENGTH; i++) {
      if (!Base62.isDigit(candidate.charAt(i))) {
        return false;
      }
    }
    String body = candidate.subSequence(0, LENGTH - CHECKSUM_LENGTH).toString();
    return checksum(body).contentEquals(candidate.subSequence(LENGTH - CHECKSUM_LENGTH, LENGTH));
  }
}
