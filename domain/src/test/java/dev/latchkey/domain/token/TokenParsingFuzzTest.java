package dev.latchkey.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever a caller sends as a token, parsing answers "a token" or "not a token" and nothing else:
 * no exception, and only strings of the documented shape with a right checksum are tokens.
 * (Tries: {@code jqwik.tries.default}, see the README.)
 */
class TokenParsingFuzzTest {
  private static final String TOKEN_SHAPE = "^lk[apot]_[0-9A-Za-z]{49}$";

  @Property
  void anyStringIsEitherATokenOfTheDocumentedShapeOrRefused(@ForAll @StringLength(max = 80) String text) {
    assertParsedOrRefused(text);
  }

  @Property
  void anyStringOfTokenCharactersIsEitherATokenOrRefused(@ForAll("tokenLike") String text) {
    assertParsedOrRefused(text);
  }

  @Property
  void anEditedTokenIsRefusedUnlessTheEditChangedNothing(
      @ForAll TokenKind kind,
      @ForAll("randomParts") String random,
      @ForAll @IntRange(min = 0, max = 53) int position,
      @ForAll("edits") String edit,
      @ForAll char inserted) {
    String token = TokenSecret.assemble(kind, random).reveal();
    String edited = switch (edit) {
      case "insert" -> token.substring(0, position) + inserted + token.substring(position);
      case "delete" -> position == token.length() ? token.substring(1)
          : token.substring(0, position) + token.substring(position + 1);
      default -> position == token.length() ? token + inserted
          : token.substring(0, position) + inserted + token.substring(position + 1);
    };

    Optional<TokenSecret> parsed = assertParsedOrRefused(edited);

    if (!edited.equals(token)) {
      assertThat(parsed).isEmpty();
    }
  }

  private static Optional<TokenSecret> assertParsedOrRefused(String text) {
    Optional<TokenSecret> parsed = TokenSecret.parse(text);
    parsed.ifPresent(secret -> {
      assertThat(secret.reveal()).isEqualTo(text).matches(TOKEN_SHAPE);
      assertThat(secret.toString()).doesNotContain(text.substring(4));
    });
    return parsed;
  }

  @Provide
  Arbitrary<String> tokenLike() {
    Arbitrary<String> prefix = Arbitraries.of("lka_", "lkp_", "lko_", "lkt_", "lkx_", "LKA_", "lk_", "");
    Arbitrary<String> body = Arbitraries.strings().withChars(Base62.ALPHABET + "_-+/= \t").ofMinLength(0).ofMaxLength(60);
    return prefix.flatMap(p -> body.map(b -> p + b));
  }

  @Provide
  Arbitrary<String> randomParts() {
    return Arbitraries.strings().withChars(Base62.ALPHABET).ofLength(TokenFormat.RANDOM_LENGTH);
  }

  @Provide
  Arbitrary<String> edits() {
    return Arbitraries.of("insert", "delete", "replace");
  }
}
