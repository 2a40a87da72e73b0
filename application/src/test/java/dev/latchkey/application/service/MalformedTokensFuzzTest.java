package dev.latchkey.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.fakes.InMemoryPorts;
import dev.latchkey.application.port.in.TokenCheck;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever is presented as a token, a malformed one is refused before any repository is asked,
 * and nothing is thrown. (Tries: {@code jqwik.tries.default}, see the README.)
 */
class MalformedTokensFuzzTest {
  private final InMemoryPorts ports = new InMemoryPorts();
  private final AuthenticateTokenService service = ports.authenticateTokenService();
  private final String valid = ports.secrets.newToken(TokenKind.PRIVATE_APP).reveal();

  @Property
  void anyStringThatIsNotATokenCostsNoQuery(@ForAll("presented") String presented) {
    assertMalformedCostsNothing(presented);
  }

  @Property
  void aTokenWithOneCharacterChangedCostsNoQuery(
      @ForAll @IntRange(min = 0, max = 52) int position, @ForAll char replacement) {
    String changed = valid.substring(0, position) + replacement + valid.substring(position + 1);

    assertMalformedCostsNothing(changed);
  }

  private void assertMalformedCostsNothing(String presented) {
    int before = repositoryCalls();

    TokenCheck check = service.authenticate(presented);

    if (TokenSecret.parse(presented).isEmpty()) {
      assertThat(check).isInstanceOf(TokenCheck.Malformed.class);
      assertThat(repositoryCalls()).isEqualTo(before);
    }
  }

  private int repositoryCalls() {
    return ports.tokens.calls() + ports.privateApps.calls() + ports.users.calls() + ports.roles.calls()
        + ports.tenants.calls();
  }

  @Provide
  Arbitrary<String> presented() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(100),
        Arbitraries.strings().withChars("lkapot_0123456789ABCDEFabcdefXYZxyz").ofMinLength(50).ofMaxLength(56),
        Arbitraries.strings().alpha().numeric().ofLength(49).map(s -> "lka_" + s),
        Arbitraries.strings().alpha().numeric().ofLength(49).map(s -> "lkp_" + s));
  }
}
