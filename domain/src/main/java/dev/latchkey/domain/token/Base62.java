package dev.latchkey.domain.token;

/** The base62 alphabet of tokens ({@code 0-9A-Za-z}) and fixed-width encoding of numbers in it. */
public final class Base62 {
  public static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Base62() {}

  public static boolean isDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** {@code value} (non-negative) in base62, most significant digit first, left-padded with '0'. */
  public static String encode(long value, int width) {
    if (value < 0) {
      throw new IllegalArgumentException("negative value");
    }
    char[] digits = new char[width];
    long rest = value;
    for (int i = width - 1; i >= 0; i--) {
      digits[i] = ALPHABET.charAt((int) (rest % 62));
      rest /= 62;
    }
    if (rest != 0) {
      throw new IllegalArgumentException("value does not fit in " + width + " base62 digits");
    }
    return new String(digits);
  }
}
