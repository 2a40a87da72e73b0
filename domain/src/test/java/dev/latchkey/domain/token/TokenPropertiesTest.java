package dev.latchkey.domain.token;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TokenPropertiesTest {
  private static final String TOKEN_SHAPE = "^lk[apot]_[0-9A-Za-z]{49}$";

  @Property
  void everyAssembledTokenParsesBackToItself(@ForAll TokenKind kind, @ForAll("randomParts") String random) {
    TokenSecret secret = TokenSecret.assemble(kind, random);

    assertThat(TokenSecret.parse(secret.reveal())).contains(secret);
    assertThat(TokenSecret.parse(secret.reveal()).orElseThrow().kind()).isEqualTo(kind);
  }

  @Property
  void everyAssembledTokenHasTheDocumentedShape(@ForAll TokenKind kind, @ForAll("randomParts") String random) {
    String token = TokenSecret.assemble(kind, random).reveal();

    assertThat(token).hasSize(53).matches(TOKEN_SHAPE).startsWith(kind.prefix() + random);
  }

  @Property
  void theChecksumIsTheCrc32OfPrefixAndRandomInBase62(
      @ForAll TokenKind kind, @ForAll("randomParts") String random) {
    String token = TokenSecret.assemble(kind, random).reveal();

    assertThat(token.substring(47)).isEqualTo(IndependentChecksum.of(kind.prefix() + random));
    assertThat(TokenFormat.checksum(kind.prefix() + random)).isEqualTo(IndependentChecksum.of(kind.prefix() + random));
  }

  @Property
  void singleCharacterChangeToAnotherBase62CharacterFailsTheChecksum(
      @ForAll TokenKind kind,
      @ForAll("randomParts") String random,
      @ForAll @IntRange(min = 0, max = 52) int position,
      @ForAll("base62Chars") char replacement) {
    String token = TokenSecret.assemble(kind, random).reveal();
    Assume.that(token.charAt(position) != replacement);

    assertThat(TokenSecret.parse(withCharAt(token, position, replacement))).isEmpty();
  }

  @Property
  void singleCharacterChangeToAnyOtherCharacterFailsTheChecksum(
      @ForAll TokenKind kind,
      @ForAll("randomParts") String random,
      @ForAll @IntRange(min = 0, max = 52) int position,
      @ForAll char replacement) {
    String token = TokenSecret.assemble(kind, random).reveal();
    Assume.that(token.charAt(position) != replacement);

    assertThat(TokenSecret.parse(withCharAt(token, position, replacement))).isEmpty();
  }

  @Property
  void toStringNeverContainsTheSecret(@ForAll TokenKind kind, @ForAll("randomParts") String random) {
    TokenSecret secret = TokenSecret.assemble(kind, random);

    assertThat(secret.toString())
        .doesNotContain(secret.reveal())
        .doesNotContain(random)
        .doesNotContain(secret.displayPrefix())
        .contains("redacted");
    assertThat("token: " + secret).doesNotContain(random);
  }

  @Property
  void theDisplayPrefixIsTheKindPrefixAndSixCharacters(
      @ForAll TokenKind kind, @ForAll("randomParts") String random) {
    assertThat(TokenSecret.assemble(kind, random).displayPrefix()).isEqualTo(kind.prefix() + random.substring(0, 6));
  }

  @Property
  void base62EncodingMatchesAnIndependentEncoding(@ForAll("crcValues") long value) {
    assertThat(Base62.encode(value, 6)).isEqualTo(IndependentChecksum.base62(java.math.BigInteger.valueOf(value), 6));
  }

  @Provide
  Arbitrary<String> randomParts() {
    return Arbitraries.strings().withChars(base62Alphabet()).ofLength(TokenFormat.RANDOM_LENGTH);
  }

  @Provide
  Arbitrary<Character> base62Chars() {
    return Arbitraries.of(base62Alphabet());
  }

  @Provide
  Arbitrary<Long> crcValues() {
    return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
  }

  private static char[] base62Alphabet() {
    StringBuilder chars = new StringBuilder();
    for (char c = '0'; c <= '9'; c++) chars.append(c);
    for (char c = 'A'; c <= 'Z'; c++) chars.append(c);
    for (char c = 'a'; c <= 'z'; c++) chars.append(c);
    return chars.toString().toCharArray();
  }

  private static String withCharAt(String token, int position, char replacement) {
    return token.substring(0, position) + replacement + token.substring(position + 1);
  }
}
