package dev.latchkey.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.app.config.ConfigException;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PeppersTest {
  private final SecureRandom random = new SecureRandom();
  private final String a = Pepper.generate(random);
  private final String b = Pepper.generate(random);

  @Test
  void theFirstLineIsThePrimaryAndTheOthersArePrevious() {
    Peppers peppers = Peppers.parse(b + "\n" + a + "\n", "file");

    assertThat(peppers.primary().keyId()).isEqualTo(keyId(b));
    assertThat(peppers.previous()).extracting(Pepper::keyId).containsExactly(keyId(a));
  }

  @Test
  void commasSeparateLikeLineBreaksAndBlankLinesAreIgnored() {
    assertThat(Peppers.parse(b + "," + a, "env").previous()).extracting(Pepper::keyId).containsExactly(keyId(a));
    assertThat(Peppers.parse("\r\n" + b + "\r\n\r\n" + a, "file").previous()).hasSize(1);
  }

  @Test
  void twoPeppersWithOneKeyIdAreRefused() {
    String sameId = keyId(a) + b.substring(b.indexOf(':'));

    assertThatThrownBy(() -> Peppers.parse(a + "\n" + sameId, "file"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void noPepperAtAllIsRefused() {
    assertThatThrownBy(() -> Peppers.parse("\n \n", "file")).isInstanceOf(ConfigException.class);
  }

  @Test
  void theHasherDigestsUnderThePrimaryAndOffersThePreviousDigests() {
    TokenSecret token = new SecureRandomSecretGenerator(random).newToken(TokenKind.PERSONAL);
    HmacTokenHasher rotating = new HmacTokenHasher(Peppers.parse(b + "\n" + a, "file"));

    assertThat(rotating.digest(token)).isEqualTo(new HmacTokenHasher(Pepper.parse(b, "b")).digest(token));
    assertThat(rotating.previousDigests(token))
        .containsExactly(new HmacTokenHasher(Pepper.parse(a, "a")).digest(token));
    assertThat(new HmacTokenHasher(Pepper.parse(a, "a")).previousDigests(token)).isEmpty();
  }

  @Test
  void toStringNamesKeyIdsOnly() {
    Peppers peppers = Peppers.parse(b + "\n" + a, "file");

    assertThat(peppers.toString()).contains(keyId(b)).doesNotContain(b.substring(b.indexOf(':') + 1));
  }

  private static String keyId(String pepper) {
    return pepper.substring(0, pepper.indexOf(':'));
  }
}
