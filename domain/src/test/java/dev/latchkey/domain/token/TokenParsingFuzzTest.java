package dev.latchkey.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.testing.Fuzz;
import dev.latchkey.testing.Gen;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whatever a caller sends as a token, parsing answers "a token" or "not a token" and nothing else:
 * no exception, and only strings of the documented shape with a right checksum are tokens.
 * (Tries: {@code latchkey.fuzz.tries}, see the README.)
 */
class TokenParsingFuzzTest {
  private static final String TOKEN_SHAPE = "^lk[apot]_[0-9A-Za-z]{49}$";
  private static final Gen<String> PREFIXES = Gen.pick("lka_", "lkp_", "lko_", "lkt_", "lkx_", "LKA_", "lk_", "");
  private static final Gen<String> BODIES = Gen.strings(Base62.ALPHABET + "_-+/= \t", 0, 60);
  private static final Gen<String> TOKEN_LIKE = random -> PREFIXES.next(random) + BODIES.next(random);

  @Test
  void anyStringIsEitherATokenOfTheDocumentedShapeOrRefused() {
    Fuzz.forAll(Gen.unicode(0, 80), TokenParsingFuzzTest::assertParsedOrRefused);
  }

  @Test
  void anyStringOfTokenCharactersIsEitherATokenOrRefused() {
    Fuzz.forAll(TOKEN_LIKE, TokenParsingFuzzTest::assertParsedOrRefused);
  }

  @Test
  void anEditedTokenIsAlwaysRefused() {
    Fuzz.check(in -> {
      TokenKind kind = in.draw(Gen.pick(TokenKind.values()));
      String random = in.draw(Gen.strings(Base62.ALPHABET, TokenFormat.RANDOM_LENGTH, TokenFormat.RANDOM_LENGTH));
      String token = TokenSecret.assemble(kind, random).reveal();

      String edited = in.draw(Gen.mutationOf(token));

      assertThat(edited).isNotEqualTo(token);
      assertThat(assertParsedOrRefused(edited)).isEmpty();
    });
  }

  private static Optional<TokenSecret> assertParsedOrRefused(String text) {
    Optional<TokenSecret> parsed = TokenSecret.parse(text);
    parsed.ifPresent(secret -> {
      assertThat(secret.reveal()).isEqualTo(text).matches(TOKEN_SHAPE);
      assertThat(secret.kind().prefix()).isEqualTo(text.substring(0, 4));
      assertThat(secret.toString()).doesNotContain(text.substring(4));
    });
    return parsed;
  }
}
