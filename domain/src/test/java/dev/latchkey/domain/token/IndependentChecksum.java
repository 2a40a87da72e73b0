package dev.latchkey.domain.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The checksum of api.md "Token format", computed without the production code, to check it against. */
final class IndependentChecksum {
  private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(62);

  private IndependentChecksum() {}

  static String of(String prefixAndRandom) {
    CRC32 crc = new CRC32();
    crc.update(prefixAndRandom.getBytes(StandardCharsets.US_ASCII));
    return base62(BigInteger.valueOf(crc.getValue()), 6);
  }

  static String base62(BigInteger value, int width) {
    StringBuilder digits = new StringBuilder();
    BigInteger rest = value;
    while (rest.signum() > 0) {
      BigInteger[] quotientAndRemainder = rest.divideAndRemainder(BASE);
      digits.insert(0, DIGITS.charAt(quotientAndRemainder[1].intValueExact()));
      rest = quotientAndRemainder[0];
    }
    while (digits.length() < width) {
      digits.insert(0, '0');
    }
    return digits.toString();
  }
}
