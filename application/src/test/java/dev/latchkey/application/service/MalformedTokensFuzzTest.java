package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import dev.latchkey.testing.Fuzz;
import dev.latchkey.testing.Gen;
import org.junit.jupiter.api.Test;

/**
 * Whatever is presented as a token, a malformed one is refused before any repository is asked,
 * and nothing is thrown. (Tries: {@code latchkey.fuzz.tries}, see the README.)
 */
class MalformedTokensFuzzTest {
  private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final Gen<String> PRESENTED = Gen.oneOf(
      Gen.unicode(0, 100),
      Gen.strings("lkapot_0123456789ABCDEFabcdefXYZxyz", 50, 56),
      Gen.strings(ALPHANUMERIC, 49, 49).map(s -> "lka_" + s),
      Gen.strings(ALPHANUMERIC, 49, 49).map(s -> "lkp_" + s));

  private final InMemoryPorts ports = new InMemoryPorts();
  private final AuthenticateTokenService service = ports.authenticateTokenService();
  private final String valid = ports.secrets.newToken(TokenKind.PRIVATE_APP).reveal();

  @Test
  void anyStringThatIsNotATokenCostsNoQuery() {
    Fuzz.forAll(PRESENTED, presented -> {
      if (TokenSecret.parse(presented).isEmpty()) {
        assertMalformedCostsNothing(presented);
      }
    });
  }

  @Test
  void aTokenWithOneCharacterChangedCostsNoQuery() {
    Fuzz.forAll(Gen.flipOf(valid, Gen.anyChar()), this::assertMalformedCostsNothing);
  }

  @Test
  void aTokenWithAnyOneMistakeCostsNoQuery() {
    Fuzz.forAll(Gen.mutationOf(valid), this::assertMalformedCostsNothing);
  }

  private void assertMalformedCostsNothing(String presented) {
    int before = repositoryCalls();

    TokenCheck check = service.authenticate(presented);

    assertThat(check).isInstanceOf(TokenCheck.Malformed.class);
    assertThat(repositoryCalls()).isEqualTo(before);
  }

  private int repositoryCalls() {
    return ports.tokens.calls() + ports.privateApps.calls() + ports.users.calls() + ports.roles.calls()
        + ports.tenants.calls();
  }
}
