package dev.latchkey.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNameTest {
  private static final String EMOJI = "\uD83D\uDE80"; // U+1F680 ROCKET: two chars, one code point

  @Test
  void anOrdinaryNameIsKept() {
    assertThat(new DisplayName("Acme Corp").value()).isEqualTo("Acme Corp");
  }

  @Test
  void surroundingWhitespaceIsTrimmed() {
    assertThat(new DisplayName("  Acme Corp \n").value()).isEqualTo("Acme Corp");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\t\n", "\u2003"})
  void anEmptyOrWhitespaceOnlyNameIsRefused(String text) {
    assertThatThrownBy(() -> new DisplayName(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("must not be empty");
  }

  @Test
  void oneHundredCodePointsIsTheLongestNameAccepted() {
    assertThat(new DisplayName("x".repeat(100)).value()).hasSize(100);
    assertThatThrownBy(() -> new DisplayName("x".repeat(101)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("must be at most 100 characters");
  }

  @Test
  void anEmojiCountsAsOneCharacter() {
    assertThat(new DisplayName(EMOJI.repeat(100)).value()).hasSize(200);
    assertThatThrownBy(() -> new DisplayName(EMOJI.repeat(101))).isInstanceOf(InvalidValueException.class);
    assertThat(new DisplayName("x".repeat(99) + EMOJI).value()).endsWith(EMOJI);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Acme\u0000Corp", "Acme\nCorp", "Acme\tCorp", "Acme\rCorp", "Acme\u0007", "Acme\u007F", "Acme\u009B"})
  void controlCharactersAreRefused(String text) {
    assertThatThrownBy(() -> new DisplayName(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("must not contain control characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Acme\uD83D", "\uDE80Acme", "Ac\uDE80\uD83Dme"})
  void unpairedSurrogatesAreRefused(String text) {
    assertThatThrownBy(() -> new DisplayName(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("must be valid Unicode");
  }

  @Test
  void nonLatinNamesAreAccepted() {
    assertThat(new DisplayName("Ünïcødé 株式会社 " + EMOJI).value()).isEqualTo("Ünïcødé 株式会社 " + EMOJI);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Acme\u202EproC", // RIGHT-TO-LEFT OVERRIDE
      "Acme\u2066Corp\u2069", // LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE
      "Acme\u200FCorp", // RIGHT-TO-LEFT MARK
      "Ac\u200Bme", // ZERO WIDTH SPACE
      "Ac\u200Dme", // ZERO WIDTH JOINER
      "\uFEFFAcme", // ZERO WIDTH NO-BREAK SPACE (byte order mark)
      "Acme\u2060Corp", // WORD JOINER
      "Acme\u00ADCorp"}) // SOFT HYPHEN
  void invisibleFormattingCharactersAreRefused(String text) {
    assertThatThrownBy(() -> new DisplayName(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("invisible formatting characters");
  }

  @Test
  void aDecomposedNameIsStoredComposed() {
    String decomposed = "Cafe\u0301"; // e + COMBINING ACUTE ACCENT
    String composed = "Caf\u00E9";

    assertThat(new DisplayName(decomposed).value()).isEqualTo(composed);
    assertThat(new DisplayName(decomposed)).isEqualTo(new DisplayName(composed));
  }

  @Test
  void theLengthLimitCountsTheComposedForm() {
    String decomposedE = "e\u0301";

    assertThat(new DisplayName(decomposedE.repeat(100)).value()).hasSize(100);
  }

  @Test
  void aNameStoredUnderEarlierRulesIsReadWithoutItsInvisibleCharacters() {
    assertThat(DisplayName.stored("Sup\u200Bport\u202E").value()).isEqualTo("Support");
    assertThat(DisplayName.stored("Cafe\u0301").value()).isEqualTo("Caf\u00E9");
    assertThat(DisplayName.stored("\u200B\u200D").value()).isEqualTo("(unnamed)");
    assertThat(DisplayName.stored("Plain")).isEqualTo(new DisplayName("Plain"));
  }
}
