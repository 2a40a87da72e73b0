package dev.latchkey.application.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.domain.error.FieldViolation;
import dev.latchkey.domain.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PageTokensTest {
  private static final String CURSOR = "01890a5d-ac96-774b-bcce-b302099a8057";

  @Test
  void aTokenGivesBackItsCursorInItsOwnListing() {
    String token = PageTokens.encode("tenants", Optional.of(CURSOR));

    assertThat(PageTokens.request("tenants", 10, token)).isEqualTo(new PageRequest(10, Optional.of(CURSOR)));
  }

  @Test
  void aTokenOfOneListingIsRefusedByAnother() {
    String token = PageTokens.encode("tenants", Optional.of(CURSOR));

    assertInvalid(() -> PageTokens.request("users", 10, token), "page_token");
    assertInvalid(() -> PageTokens.request("tenant", 10, token), "page_token");
    assertInvalid(() -> PageTokens.request("tenants\n", 10, token), "page_token");
  }

  @Test
  void aTokenIsUrlSafeAndDoesNotShowTheCursorPlainly() {
    String token = PageTokens.encode("tenants", Optional.of(CURSOR));

    assertThat(token).matches("[A-Za-z0-9_-]+").doesNotContain(CURSOR);
  }

  @Test
  void noCursorMeansNoNextPageToken() {
    assertThat(PageTokens.encode("tenants", Optional.empty())).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noTokenMeansTheFirstPage(String token) {
    assertThat(PageTokens.request("tenants", 10, token)).isEqualTo(new PageRequest(10, Optional.empty()));
  }

  @Test
  void pageSizeZeroMeansTheDefault() {
    assertThat(PageTokens.request("tenants", 0, "").size()).isEqualTo(PageRequest.DEFAULT_SIZE);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 1001})
  void aPageSizeOutOfRangeIsRefused(int size) {
    assertInvalid(() -> PageTokens.request("tenants", size, ""), "page_size");
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "%%%", "MQ", "MQp0ZW5hbnRzCg", "MQp0ZW5hbnRzCmEKYg"})
  void garbageIsRefused(String token) {
    assertInvalid(() -> PageTokens.request("tenants", 10, token), "page_token");
  }

  @Test
  void aTokenOfAnotherVersionIsRefused() {
    String token = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("2\ntenants\n" + CURSOR).getBytes(StandardCharsets.UTF_8));

    assertInvalid(() -> PageTokens.request("tenants", 10, token), "page_token");
  }

  @Test
  void anOverlongTokenIsRefused() {
    String token = PageTokens.encode("tenants", Optional.of("c".repeat(2000)));

    assertInvalid(() -> PageTokens.request("tenants", 10, token), "page_token");
  }

  private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidArgumentException.class,
        e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly(field));
  }
}
