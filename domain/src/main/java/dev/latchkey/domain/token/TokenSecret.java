package dev.latchkey.domain.token;

import java.util.Objects;
import java.util.Optional;

/**
 * A token in plaintext. It exists in memory only on its way to the client (once, at creation) and
 * on its way in (to be hashed); {@link #toString()} never prints it.
 */
public final class TokenSecret {
  /** How many characters of the secret, after the kind prefix, may be shown again later. */
  static final int VISIBLE_RANDOM_CHARS = 6;

  private final TokenKind kind;
  private final String value;

  private TokenSecret(TokenKind kind, String value) {
    this.kind = kind;
    this.value = value;
  }

  /** A new token of {@code kind} from 43 base62 characters of CSPRNG output. */
  public static TokenSecret assemble(TokenKind kind, String random) {
    Objects.requireNonNull(kind, "kind");
    if (random.length() != TokenFormat.RANDOM_LENGTH) {
      throw new IllegalArgumentException("random part must be " + TokenFormat.RANDOM_LENGTH + " chars");
    }
    for (int i = 0; i < random.length(); i++) {
      if (!Base62.isDigit(random.charAt(i))) {
        throw new IllegalArgumentException("random part must be base62");
      }
    }
    String body = kind.prefix() + random;
    return new TokenSecret(kind, body + TokenFormat.checksum(body));
  }

  /** The token in {@code candidate}, if it is well formed and its checksum matches. */
  public static Optional<TokenSecret> parse(CharSequence candidate) {
    if (!TokenFormat.isWellFormed(candidate)) {
      return Optional.empty();
    }
    String value = candidate.toString();
    return Optional.of(new TokenSecret(TokenKind.ofToken(value).orElseThrow(), value));
  }

  public TokenKind kind() {
    return kind;
  }

  /** The plaintext. Call it only to hash it or to send it to its owner once. */
  public String reveal() {
    return value;
  }

  /** The short start of the token that may be displayed later, e.g. {@code lka_3Fq9Zx}. */
  public String displayPrefix() {
    return value.substring(0, TokenFormat.PREFIX_LENGTH + VISIBLE_RANDOM_CHARS);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenSecret other
        && java.security.MessageDigest.isEqual(
            value.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            other.value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Override
  public int hashCode() {
    return kind.hashCode();
  }

  @Override
  public String toString() {
    return "TokenSecret[" + kind + ", redacted]";
  }
}
