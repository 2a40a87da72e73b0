package dev.latchkey.adapter.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import io.grpc.Metadata;

/**
 * Whatever a caller puts into the {@code authorization} and {@code latchkey-act-as} headers, they
 * are read as "a presented token" / "no token" and "act for this user" / "absent" / "invalid",
 * never with an exception. (Tries: {@code jqwik.tries.default}, see the README.)
 */
class HeaderFuzzTest {
  @Property
  void anyAuthorizationHeaderYieldsAtMostOneBoundedTokenWithoutAnException(
      @ForAll @Size(min = 1, max = 3) List<@From("headerValues") String> values) {
    Metadata headers = new Metadata();
    values.forEach(v -> headers.put(Credentials.AUTHORIZATION, v));

    Optional<String> token = Credentials.presentedToken(headers);

    if (values.size() > 1) {
      assertThat(token).isEmpty();
    }
    token.ifPresent(t -> assertThat(t).isNotEmpty().hasSizeLessThanOrEqualTo(512));
  }

  @Property
  void anyBasicCredentialYieldsTheUserNameOnlyWithAnEmptyPassword(@ForAll byte[] credential) {
    Metadata headers = new Metadata();
    headers.put(Credentials.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(credential));

    Optional<String> token = Credentials.presentedToken(headers);

    String decoded = new String(credential, StandardCharsets.UTF_8);
    token.ifPresent(t -> assertThat(decoded).isEqualTo(t + ":"));
  }

  @Property
  void anyActAsHeaderIsAUserNameAbsentOrInvalid(@ForAll @Size(min = 0, max = 2) List<@From("actAsValues") String> values) {
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
  }

  @Provide
  Arbitrary<String> headerValues() {
    Arbitrary<String> scheme = Arbitraries.of("Bearer ", "bearer ", "BEARER  ", "Basic ", "basic ", "Token ", "", " ");
    Arbitrary<String> rest = Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMaxLength(80),
        Arbitraries.strings().withCharRange(' ', '~').ofMinLength(400).ofMaxLength(700),
        Arbitraries.strings().withChars("lkapot_0123456789ABCxyz:=+/ ").ofMaxLength(60));
    return scheme.flatMap(s -> rest.map(r -> printable(s + r)));
  }

  @Provide
  Arbitrary<String> actAsValues() {
    Arbitrary<String> id = Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789abcdef-").ofMaxLength(40),
        Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
        Arbitraries.strings().ascii().ofMaxLength(20));
    Arbitrary<String> shaped = id.flatMap(t -> id.map(u -> "tenants/" + t + "/users/" + u));
    return Arbitraries.oneOf(shaped, Arbitraries.strings().ascii().ofMaxLength(200)).map(HeaderFuzzTest::printable);
  }

  /** Header values are visible ASCII and spaces (gRPC refuses others before we see them). */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.chars().forEach(c -> out.append(c >= ' ' && c <= '~' ? (char) c : '?'));
    return out.toString();
  }
}
