package dev.latchkey.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {
  private static final String LONGEST_LOCAL_PART = "l".repeat(64);
  /** 189 characters: with a 64-character local part and the '@', 254 in all. */
  private static final String LONG_DOMAIN = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(57) + ".com";

  @ParameterizedTest
  @ValueSource(strings = {
    "ada@example.com",
    "Ada.Lovelace@Example.COM",
    "first.last+tag@mail.example.co.uk",
    "o'brien@example.ie",
    "a@b.io",
    "x_y-z@sub-domain.example.org",
    "1234@123.example.museum",
  })
  void commonAddressesAreAccepted(String text) {
    assertThat(new EmailAddress(text).value()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "",
    "   ",
    "ada",
    "ada@",
    "@example.com",
    "ada@example",
    "ada@@example.com",
    "ada@exa mple.com",
    "ada lovelace@example.com",
    ".ada@example.com",
    "ada.@example.com",
    "ada..lovelace@example.com",
    "ada@example..com",
    "ada@.example.com",
    "ada@example.com.",
    "ada@-example.com",
    "ada@example-.com",
    "ada@example.c",
    "ada@example.123",
    "adä@example.com",
    "ada@exämple.com",
    "ada@example.com\nbcc@example.com",
    "\"ada\"@example.com",
  })
  void malformedAddressesAreRefused(String text) {
    assertThatThrownBy(() -> new EmailAddress(text)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void surroundingWhitespaceIsTrimmed() {
    assertThat(new EmailAddress("  ada@example.com\t").value()).isEqualTo("ada@example.com");
  }

  @Test
  void aLocalPartOfSixtyFourCharactersIsTheLongestAccepted() {
    assertThat(new EmailAddress(LONGEST_LOCAL_PART + "@example.com").value()).startsWith(LONGEST_LOCAL_PART);
    assertThatThrownBy(() -> new EmailAddress(LONGEST_LOCAL_PART + "l@example.com"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void twoHundredFiftyFourCharactersIsTheLongestAddressAccepted() {
    String longest = LONGEST_LOCAL_PART + "@" + LONG_DOMAIN;
    assertThat(longest).hasSize(254);

    assertThat(new EmailAddress(longest).value()).isEqualTo(longest);
    assertThatThrownBy(() -> new EmailAddress(LONGEST_LOCAL_PART + "@c" + LONG_DOMAIN))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> new EmailAddress(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "Ada@Example.COM, ada@example.com",
    "ADA@EXAMPLE.COM, ada@example.com",
    "ada@example.com, ada@example.com",
  })
  void theNormalizedFormIsLowercase(String text, String normalized) {
    assertThat(new EmailAddress(text).normalized()).isEqualTo(normalized);
  }

  @Test
  void normalizingDoesNotDependOnTheDefaultLocale() {
    java.util.Locale before = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
      assertThat(new EmailAddress("INFO@EXAMPLE.COM").normalized()).isEqualTo("info@example.com");
    } finally {
      java.util.Locale.setDefault(before);
    }
  }
}
