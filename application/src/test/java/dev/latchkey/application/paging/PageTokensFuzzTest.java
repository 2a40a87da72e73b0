package dev.latchkey.application.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.latchkey.domain.error.InvalidArgumentException;
import dev.latchkey.testing.Fuzz;
import dev.latchkey.testing.Gen;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Page tokens and sizes as a caller may send them: a page request, or INVALID_ARGUMENT naming the
 * field, never another exception; and a token is accepted only for the listing that issued it.
 * (Tries: {@code latchkey.fuzz.tries}, see the README.)
 */
class PageTokensFuzzTest {
  private static final Gen<String> TOKENS = Gen.oneOf(
      Gen.unicode(0, 200),
      Gen.unicode(0, 120).map(text ->
          Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8))),
      Gen.unicode(0, 60).map(text -> PageTokens.encode("users:t1", Optional.of(text))),
      Gen.strings(Gen.chars('A', 'z'), 1000, 1100));
  private static final Gen<Integer> SIZES = Gen.oneOf(Gen.anyInt(), Gen.ints(-2, PageRequest.MAX_SIZE + 2));
  // Scopes and cursors are the server's own: no line breaks, valid Unicode.
  private static final Gen<String> SCOPES = Gen.pick("users:t1", "users:t2", "roles:t1", "tenants", "users:t1:role=x");
  private static final Gen<String> CURSORS = Gen.strings(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-|.éü株", 1, 80);

  @Test
  void anyPageTokenAndSizeIsARequestOrRefusedNamingTheField() {
    Fuzz.check(in -> {
      String token = in.draw(TOKENS);
      int size = in.draw(SIZES);
      boolean sizeInRange = size >= 0 && size <= PageRequest.MAX_SIZE;

      Throwable refusal = catchThrowable(() -> PageTokens.request("users:t1", size, token));

      if (refusal == null) {
        assertThat(sizeInRange).isTrue();
        assertThat(PageTokens.request("users:t1", size, token).size())
            .isEqualTo(size == 0 ? PageRequest.DEFAULT_SIZE : size);
      } else {
        assertThat(refusal).isInstanceOf(InvalidArgumentException.class);
        assertThat(((InvalidArgumentException) refusal).violations()).singleElement()
            .satisfies(v -> assertThat(v.field()).isEqualTo(sizeInRange ? "page_token" : "page_size"));
      }
    });
  }

  @Test
  void aTokenIsAcceptedOnlyByTheListingThatIssuedIt() {
    Fuzz.check(in -> {
      String issuer = in.draw(SCOPES);
      String reader = in.draw(SCOPES);
      String cursor = in.draw(CURSORS);
      String token = PageTokens.encode(issuer, Optional.of(cursor));

      Throwable refusal = catchThrowable(() -> PageTokens.request(reader, 10, token));

      if (issuer.equals(reader) && token.length() <= 1024) {
        assertThat(refusal).isNull();
        assertThat(PageTokens.request(reader, 10, token).cursor()).contains(cursor);
      } else {
        assertThat(refusal).isInstanceOf(InvalidArgumentException.class);
      }
    });
  }
}
