package dev.latchkey.application.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.latchkey.domain.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Page tokens and sizes as a caller may send them: a page request, or INVALID_ARGUMENT naming the
 * field, never another exception; and a token is accepted only for the listing that issued it.
 * (Tries: {@code jqwik.tries.default}, see the README.)
 */
class PageTokensFuzzTest {
  @Property
  void anyPageTokenAndSizeIsARequestOrRefused(@ForAll("tokens") String token, @ForAll int size) {
    Throwable refusal = catchThrowable(() -> PageTokens.request("users:t1", size, token));

    if (refusal != null) {
      assertThat(refusal).isInstanceOf(InvalidArgumentException.class);
      assertThat(((InvalidArgumentException) refusal).violations()).singleElement()
          .satisfies(v -> assertThat(v.field()).isIn("page_token", "page_size"));
    }
  }

  @Property
  void aTokenIsAcceptedOnlyByTheListingThatIssuedIt(
      @ForAll("scopes") String issuer, @ForAll("scopes") String reader, @ForAll("cursors") String cursor) {
    String token = PageTokens.encode(issuer, Optional.of(cursor));

    Throwable refusal = catchThrowable(() -> PageTokens.request(reader, 10, token));

    if (issuer.equals(reader) && token.length() <= 1024) {
      assertThat(refusal).isNull();
      assertThat(PageTokens.request(reader, 10, token).cursor()).contains(cursor);
    } else if (!issuer.equals(reader)) {
      assertThat(refusal).isInstanceOf(InvalidArgumentException.class);
    }
  }

  @Provide
  Arbitrary<String> tokens() {
    Arbitrary<String> forged = Arbitraries.strings().ofMaxLength(120).map(text ->
        Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    Arbitrary<String> versioned = Arbitraries.strings().ofMaxLength(60).map(text ->
        PageTokens.encode("users:t1", Optional.of(text)));
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), forged, versioned,
        Arbitraries.strings().withCharRange('A', 'z').ofMinLength(1000).ofMaxLength(1100));
  }

  @Provide
  Arbitrary<String> scopes() {
    // Scopes and cursors are the server's own: no line breaks, valid Unicode.
    return Arbitraries.of("users:t1", "users:t2", "roles:t1", "tenants", "users:t1:role=x");
  }

  @Provide
  Arbitrary<String> cursors() {
    return Arbitraries.strings().alpha().numeric().withChars(":-|.éü株").ofMinLength(1).ofMaxLength(80);
  }
}
