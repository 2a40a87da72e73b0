package dev.latchkey.domain.token;

import java.util.Optional;

/** What a token belongs to, told by its prefix so that scanners and people can tell them apart. */
public enum TokenKind {
  PRIVATE_APP("lka_"),
  PERSONAL("lkp_"),
  OPERATOR("lko_"),
  TENANT_INGEST("lkt_");

  private final String prefix;

  TokenKind(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The kind whose prefix starts {@code token}, if any. */
  public static Optional<TokenKind> ofToken(CharSequence token) {
    for (TokenKind kind : values()) {
      if (token.length() >= kind.prefix.length()
          && kind.prefix.contentEquals(token.subSequence(0, kind.prefix.length()))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
