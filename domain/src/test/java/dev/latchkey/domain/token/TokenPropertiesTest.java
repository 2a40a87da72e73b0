package dev.latchkey.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.testing.Fuzz;
import dev.latchkey.testing.Gen;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Token assembly, format and checksum over random tokens. (Tries: see the README.) */
class TokenPropertiesTest {
  private static final String TOKEN_SHAPE = "^lk[apot]_[0-9A-Za-z]{49}$";
  private static final Gen<TokenKind> KINDS = Gen.pick(TokenKind.values());
  private static final Gen<String> RANDOM_PARTS = Gen.strings(Base62.ALPHABET, TokenFormat.RANDOM_LENGTH,
      TokenFormat.RANDOM_LENGTH);

  @Test
  void everyAssembledTokenParsesBackToItself() {
    Fuzz.check(in -> {
      TokenKind kind = in.draw(KINDS);
      TokenSecret secret = TokenSecret.assemble(kind, in.draw(RANDOM_PARTS));

      assertThat(TokenSecret.parse(secret.reveal())).contains(secret);
      assertThat(TokenSecret.parse(secret.reveal()).orElseThrow().kind()).isEqualTo(kind);
    });
  }

  @Test
  void everyAssembledTokenHasTheDocumentedShape() {
    Fuzz.check(in -> {
      TokenKind kind = in.draw(KINDS);
      String random = in.draw(RANDOM_PARTS);

      String token = TokenSecret.assemble(kind, random).reveal();

      assertThat(token).hasSize(53).matches(TOKEN_SHAPE).startsWith(kind.prefix() + random);
    });
  }

  @Test
  void theChecksumIsTheCrc32OfPrefixAndRandomInBase62() {
    Fuzz.check(in -> {
      TokenKind kind = in.draw(KINDS);
      String random = in.draw(RANDOM_PARTS);

      String token = TokenSecret.assemble(kind, random).reveal();

      assertThat(token.substring(47)).isEqualTo(IndependentChecksum.of(kind.prefix() + random));
      assertThat(TokenFormat.checksum(kind.prefix() + random)).isEqualTo(IndependentChecksum.of(kind.prefix() + random));
    });
  }

  @Test
  void singleCharacterChangeToAnotherBase62CharacterFailsTheChecksum() {
    Fuzz.check(in -> {
      String token = TokenSecret.assemble(in.draw(KINDS), in.draw(RANDOM_PARTS)).reveal();

      String changed = in.draw(Gen.flipOf(token, Gen.chars(Base62.ALPHABET)));

      assertThat(TokenSecret.parse(changed)).isEmpty();
    });
  }

  @Test
  void singleCharacterChangeToAnyOtherCharacterFailsTheChecksum() {
    Fuzz.check(in -> {
      String token = TokenSecret.assemble(in.draw(KINDS), in.draw(RANDOM_PARTS)).reveal();

      String changed = in.draw(Gen.flipOf(token, Gen.anyChar()));

      assertThat(TokenSecret.parse(changed)).isEmpty();
    });
  }

  @Test
  void toStringNeverContainsTheSecret() {
    Fuzz.check(in -> {
      String random = in.draw(RANDOM_PARTS);
      TokenSecret secret = TokenSecret.assemble(in.draw(KINDS), random);

      assertThat(secret.toString())
          .doesNotContain(secret.reveal())
          .doesNotContain(random)
          .doesNotContain(secret.displayPrefix())
          .contains("redacted");
      assertThat("token: " + secret).doesNotContain(random);
    });
  }

  @Test
  void theDisplayPrefixIsTheKindPrefixAndSixCharacters() {
    Fuzz.check(in -> {
      TokenKind kind = in.draw(KINDS);
      String random = in.draw(RANDOM_PARTS);

      assertThat(TokenSecret.assemble(kind, random).displayPrefix()).isEqualTo(kind.prefix() + random.substring(0, 6));
    });
  }

  @Test
  void base62EncodingMatchesAnIndependentEncoding() {
    Fuzz.forAll(Gen.longs(0, 0xFFFF_FFFFL), value ->
        assertThat(Base62.encode(value, 6)).isEqualTo(IndependentChecksum.base62(BigInteger.valueOf(value), 6)));
  }
}
