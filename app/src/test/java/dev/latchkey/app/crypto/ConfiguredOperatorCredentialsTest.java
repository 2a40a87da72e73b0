package dev.latchkey.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ConfiguredOperatorCredentialsTest {
  private final SecureRandomSecretGenerator generator = new SecureRandomSecretGenerator(new SecureRandom());
  private final HmacTokenHasher hasher = new HmacTokenHasher(Pepper.parse(Pepper.generate(new SecureRandom()), "test"));
  private final TokenSecret operatorToken = generator.newToken(TokenKind.OPERATOR);
  private final ConfiguredOperatorCredentials credentials = new ConfiguredOperatorCredentials(hasher, operatorToken);

  @Test
  void theConfiguredTokenMatches() {
    assertThat(credentials.matches(operatorToken)).isTrue();
  }

  @Test
  void theConfiguredTokenMatchesWhenItArrivesAsText() {
    assertThat(credentials.matches(TokenSecret.parse(operatorToken.reveal()).orElseThrow())).isTrue();
  }

  @Test
  void anotherOperatorTokenDoesNotMatch() {
    assertThat(credentials.matches(generator.newToken(TokenKind.OPERATOR))).isFalse();
  }

  @Test
  void aTokenOfAnotherKindWithTheSameRandomPartDoesNotMatch() {
    String random = operatorToken.reveal().substring(4, 47);

    for (TokenKind kind : TokenKind.values()) {
      if (kind != TokenKind.OPERATOR) {
        assertThat(credentials.matches(TokenSecret.assemble(kind, random))).as(kind.name()).isFalse();
      }
    }
    assertThat(credentials.matches(TokenSecret.assemble(TokenKind.OPERATOR, random))).isTrue();
  }
}
