package dev.latchkey.adapter.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.testing.Fuzz;
import dev.latchkey.testing.Gen;
import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Whatever a caller puts into the {@code authorization} and {@code latchkey-act-as} headers, they
 * are read as "a presented token" / "no token" and "act for this user" / "absent" / "invalid",
 * never with an exception. (Tries: {@code latchkey.fuzz.tries}, see the README.)
 */
class HeaderFuzzTest {
  private static final Gen<Character> ASCII = Gen.chars('\0', '\u007f');
  private static final Gen<String> SCHEMES = Gen.pick("Bearer ", "bearer ", "BEARER  ", "Basic ", "basic ", "Token ", "", " ");
  private static final Gen<String> CREDENTIALS = Gen.oneOf(
      Gen.strings(ASCII, 0, 80),
      Gen.strings(Gen.chars(' ', '~'), 400, 700),
      Gen.strings("lkapot_0123456789ABCxyz:=+/ ", 0, 60));
  private static final Gen<String> AUTHORIZATION_VALUES =
      random -> printable(SCHEMES.next(random) + CREDENTIALS.next(random));
  private static final Gen<String> IDS = Gen.oneOf(
      Gen.strings("0123456789abcdef-", 0, 40),
      Gen.uuids().map(UUID::toString),
      Gen.strings(ASCII, 0, 20));
  private static final Gen<String> ACT_AS_VALUES = Gen.oneOf(
      random -> "tenants/" + IDS.next(random) + "/users/" + IDS.next(random),
      Gen.strings(ASCII, 0, 200)).map(HeaderFuzzTest::printable);

  @Test
  void anyAuthorizationHeaderYieldsAtMostOneBoundedTokenWithoutAnException() {
    Fuzz.forAll(AUTHORIZATION_VALUES.list(1, 3), values -> {
      Metadata headers = new Metadata();
      values.forEach(v -> headers.put(Credentials.AUTHORIZATION, v));

      Optional<String> token = Credentials.presentedToken(headers);

      if (values.size() > 1) {
        assertThat(token).isEmpty();
      }
      token.ifPresent(t -> assertThat(t).isNotEmpty().hasSizeLessThanOrEqualTo(512));
    });
  }

  @Test
  void anyBasicCredentialYieldsTheUserNameOnlyWithAnEmptyPassword() {
    Fuzz.forAll(Gen.bytes(0, 255), credential -> {
      Metadata headers = new Metadata();
      headers.put(Credentials.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(credential));

      Optional<String> token = Credentials.presentedToken(headers);

      String decoded = new String(credential, StandardCharsets.UTF_8);
      token.ifPresent(t -> assertThat(decoded).isEqualTo(t + ":"));
    });
  }

  @Test
  void anyActAsHeaderIsAUserNameAbsentOrInvalid() {
    Fuzz.forAll(ACT_AS_VALUES.list(0, 2), values -> {
      Metadata headers = new Metadata();
      values.forEach(v -> headers.put(ActAs.HEADER, v));

      ActAs.Request request = ActAs.read(headers);

      switch (request) {
        case ActAs.Absent a -> assertThat(values).isEmpty();
        case ActAs.Invalid i -> assertThat(values).isNotEmpty();
        case ActAs.For(var tenant, var user) -> {
          assertThat(values).hasSize(1);
          assertThat(values.getFirst()).isEqualToIgnoringCase("tenants/" + tenant.value() + "/users/" + user.value());
        }
      }
    });
  }

  @Test
  void anActAsHeaderNamingATenantAndUserIdIsThatUser() {
    Fuzz.check(in -> {
      UUID tenant = in.draw(Gen.uuids());
      UUID user = in.draw(Gen.uuids());
      Metadata headers = new Metadata();
      headers.put(ActAs.HEADER, "tenants/" + tenant + "/users/" + user);

      assertThat(ActAs.read(headers)).isInstanceOfSatisfying(ActAs.For.class, request -> {
        assertThat(request.tenant().value()).isEqualTo(tenant);
        assertThat(request.user().value()).isEqualTo(user);
      });
    });
  }

  /** Header values are visible ASCII and spaces (gRPC refuses others before we see them). */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.chars().forEach(c -> out.append(c >= ' ' && c <= '~' ? (char) c : '?'));
    return out.toString();
  }
}
