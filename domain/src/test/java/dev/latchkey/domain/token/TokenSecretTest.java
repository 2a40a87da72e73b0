package dev.latchkey.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSecretTest {
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /**
   * Fixed vectors, computed once outside Java with Python 3: {@code zlib.crc32(body.encode("ascii"))}
   * written in base62 (0-9A-Za-z, most significant digit first) by repeated {@code divmod(n, 62)}
   * and left-padded with '0' to 6 characters. E.g. the lko_ body has CRC 121519394 = "8DskE".
   */
  @ParameterizedTest
  @CsvSource({
    "PERSONAL,    0000000000000000000000000000000000000000000, lkp_00000000000000000000000000000000000000000002anijP",
    "PRIVATE_APP, abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ, lka_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ2UyR2k",
    "OPERATOR,    Latchkey0123456789Latchkey0123456789Latchke, lko_Latchkey0123456789Latchkey0123456789Latchke08DskE",
    "TENANT_INGEST, zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz, lkt_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz0EyGTl",
  })
  void assemblingMatchesHandComputedVectors(TokenKind kind, String random, String expected) {
    assertThat(TokenSecret.assemble(kind, random).reveal()).isEqualTo(expected);
    assertThat(TokenSecret.parse(expected)).map(TokenSecret::kind).contains(kind);
  }

  @ParameterizedTest
  @EnumSource(TokenKind.class)
  void everySingleCharacterChangeOfAFixedTokenFailsTheChecksum(TokenKind kind) {
    String token = TokenSecret.assemble(kind, "q7Rk2ZbX0pLmN4sTuV9wYa1cDeFgHiJ3oP5r6S8tUvW").reveal();
    List<Character> replacements = new ArrayList<>();
    BASE62.chars().forEach(c -> replacements.add((char) c));
    for (char c : "_-+/= .\n\u0000\u00e9\u0660\uff10\ud83d".toCharArray()) {
      replacements.add(c);
    }

    int tried = 0;
    for (int position = 0; position < token.length(); position++) {
      for (char replacement : replacements) {
        if (token.charAt(position) == replacement) {
          continue;
        }
        String changed = token.substring(0, position) + replacement + token.substring(position + 1);
        assertThat(TokenSecret.parse(changed)).as(changed).isEmpty();
        tried++;
      }
    }
    assertThat(tried).isGreaterThan(53 * 70);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
    "lkp_",
    "lkp_00000000000000000000000000000000000000000002anij",
    "lkp_00000000000000000000000000000000000000000002anijPP",
    "LKP_00000000000000000000000000000000000000000002anijP",
    "lkx_00000000000000000000000000000000000000000002anijP",
    " lkp_00000000000000000000000000000000000000000002anijP",
    "Bearer lkp_00000000000000000000000000000000000000000002anijP",
  })
  void whatIsNotATokenDoesNotParse(String candidate) {
    assertThat(TokenSecret.parse(candidate)).isEmpty();
    assertThat(TokenFormat.isWellFormed(candidate)).isFalse();
  }

  @Test
  void swappingTheKindPrefixFailsTheChecksum() {
    String personal = TokenSecret.assemble(TokenKind.PERSONAL, "0".repeat(43)).reveal();

    assertThat(TokenSecret.parse("lka_" + personal.substring(4))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "000000000000000000000000000000000000000000", "00000000000000000000000000000000000000000000"})
  void aRandomPartOfTheWrongLengthIsRefused(String random) {
    assertThatThrownBy(() -> TokenSecret.assemble(TokenKind.PERSONAL, random))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "000000000000000000000000000000000000000000_",
    "000000000000000000000000000000000000000000-",
    "00000000000000000000000000000000000000000\u00e90",
  })
  void aRandomPartOutsideBase62IsRefused(String random) {
    assertThatThrownBy(() -> TokenSecret.assemble(TokenKind.PERSONAL, random))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDisplayPrefixShowsTheKindAndSixCharacters() {
    TokenSecret secret = TokenSecret.assemble(TokenKind.PRIVATE_APP, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ");

    assertThat(secret.displayPrefix()).isEqualTo("lka_abcdef");
  }

  @Test
  void toStringNamesTheKindButNotTheSecret() {
    TokenSecret secret = TokenSecret.assemble(TokenKind.PERSONAL, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ");

    assertThat(secret.toString()).contains("PERSONAL").doesNotContain("abcdef").doesNotContain("2UyR2k");
  }

  @Test
  void tokensWithTheSameTextAreEqual() {
    TokenSecret assembled = TokenSecret.assemble(TokenKind.PERSONAL, "0".repeat(43));
    TokenSecret parsed = TokenSecret.parse(assembled.reveal()).orElseThrow();

    assertThat(parsed).isEqualTo(assembled).hasSameHashCodeAs(assembled);
  }

  @Test
  void tokensWithDifferentTextAreNotEqual() {
    TokenSecret one = TokenSecret.assemble(TokenKind.PERSONAL, "0".repeat(43));
    TokenSecret other = TokenSecret.assemble(TokenKind.PERSONAL, "0".repeat(42) + "1");
    TokenSecret otherKind = TokenSecret.assemble(TokenKind.PRIVATE_APP, "0".repeat(43));

    assertThat(one).isNotEqualTo(other).isNotEqualTo(otherKind).isNotEqualTo(one.reveal());
  }
}
