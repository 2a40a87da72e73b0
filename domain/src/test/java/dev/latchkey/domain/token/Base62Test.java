package dev.latchkey.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base62Test {
  @ParameterizedTest
  @CsvSource({
    "0, 6, 000000",
    "9, 1, 9",
    "10, 1, A",
    "35, 1, Z",
    "36, 1, a",
    "61, 1, z",
    "62, 2, 10",
    "3843, 2, zz",
    "4294967295, 6, 4gfFC3",
    "56800235583, 6, zzzzzz",
  })
  void encodesMostSignificantDigitFirstAndPadsWithZeros(long value, int width, String expected) {
    assertThat(Base62.encode(value, width)).isEqualTo(expected);
  }

  @Test
  void aValueThatDoesNotFitIsRefused() {
    assertThatThrownBy(() -> Base62.encode(56_800_235_584L, 6)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNegativeValueIsRefused() {
    assertThatThrownBy(() -> Base62.encode(-1, 6)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exactlyTheAlphabetCharactersAreDigits() {
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      assertThat(Base62.isDigit((char) c)).as("U+%04X", c).isEqualTo(Base62.ALPHABET.indexOf(c) >= 0);
    }
    assertThat(Base62.ALPHABET.chars().distinct().count()).isEqualTo(62);
  }
}
