package dev.latchkey.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DescriptionTest {
  private static final String EMOJI = "\uD83D\uDE80"; // one code point, two chars

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\n"})
  void anEmptyDescriptionIsFine(String text) {
    assertThat(new Description(text)).isEqualTo(Description.EMPTY);
    assertThat(Description.EMPTY.value()).isEmpty();
  }

  @Test
  void surroundingWhitespaceIsTrimmed() {
    assertThat(new Description("  Syncs tickets. \n").value()).isEqualTo("Syncs tickets.");
  }

  @Test
  void oneThousandCharactersIsTheLongestDescriptionAccepted() {
    assertThat(new Description("x".repeat(1000)).value()).hasSize(1000);
    assertThatThrownBy(() -> new Description("x".repeat(1001)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("must be at most 1000 characters");
  }

  @Test
  void lengthIsCountedInCodePoints() {
    assertThat(new Description(EMOJI.repeat(1000)).value()).hasSize(2000);
    assertThatThrownBy(() -> new Description(EMOJI.repeat(1001))).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void aDescriptionMaySpanLines() {
    assertThat(new Description("Syncs tickets\nto the warehouse.\n\nOwner: data team").value())
        .isEqualTo("Syncs tickets\nto the warehouse.\n\nOwner: data team");
  }

  @Test
  void windowsLineBreaksAreStoredAsPlainNewlines() {
    assertThat(new Description("Syncs tickets\r\nnightly").value()).isEqualTo("Syncs tickets\nnightly");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Syncs\u0000tickets", "Syncs\u0007", "Syncs\u001B[31m red", "Syncs\u007F", "Syncs\u009B"})
  void otherControlCharactersAreRefused(String text) {
    assertThatThrownBy(() -> new Description(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("must not contain control characters");
  }

  @Test
  void unpairedSurrogatesAreRefused() {
    assertThatThrownBy(() -> new Description("Syncs \uD83D tickets"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("must be valid Unicode");
  }
}
