package dev.latchkey.adapter.grpc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.grpc.support.TestValues;
import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {
  private final String token = TestValues.personalToken();

  @Test
  void bearerTokenIsRead() {
    assertThat(presented("Bearer " + token)).contains(token);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer", "BEARER", "BeArEr"})
  void bearerSchemeIsCaseInsensitive(String scheme) {
    assertThat(presented(scheme + " " + token)).contains(token);
  }

  @Test
  void spacesAroundTheBearerTokenAreIgnored() {
    assertThat(presented("Bearer   " + token + "  ")).contains(token);
  }

  @Test
  void basicWithTheTokenAsUserNameAndAnEmptyPasswordIsAccepted() {
    assertThat(presented("Basic " + base64(token + ":"))).contains(token);
  }

  @Test
  void basicSchemeIsCaseInsensitive() {
    assertThat(presented("BASIC " + base64(token + ":"))).contains(token);
  }

  @Test
  void basicWithANonEmptyPasswordIsRefused() {
    assertThat(presented("Basic " + base64(token + ":hunter2"))).isEmpty();
  }

  @Test
  void basicWithTheTokenAsPasswordAndNoUserNameIsRefused() {
    assertThat(presented("Basic " + base64(":" + token))).isEmpty();
  }

  @Test
  void basicWithoutAColonIsRefused() {
    assertThat(presented("Basic " + base64(token))).isEmpty();
  }

  @Test
  void basicWithGarbageInsteadOfBase64IsRefused() {
    assertThat(presented("Basic !!not*base64%%")).isEmpty();
  }

  @Test
  void twoAuthorizationHeadersAreRefusedEvenWhenBothCarryTheSameToken() {
    Metadata headers = new Metadata();
    headers.put(Credentials.AUTHORIZATION, "Bearer " + token);
    headers.put(Credentials.AUTHORIZATION, "Bearer " + token);

    assertThat(Credentials.presentedToken(headers)).isEmpty();
  }

  @Test
  void noAuthorizationHeaderPresentsNoToken() {
    assertThat(Credentials.presentedToken(new Metadata())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "Bearer", "Bearer ", "Bearer    ", "Basic ", "Token abc", "Digest abc"})
  void emptyOrSchemelessOrUnknownSchemeHeadersPresentNoToken(String value) {
    assertThat(presented(value)).isEmpty();
  }

  @Test
  void tokenWithoutAnySchemeIsRefused() {
    assertThat(presented(token)).isEmpty();
  }

  @Test
  void overLongHeaderIsRefusedWithoutLookingAtIt() {
    String longToken = "x".repeat(600);

    assertThat(presented("Bearer " + longToken)).isEmpty();
    assertThat(presented("Basic " + base64(longToken + ":"))).isEmpty();
  }

  @Test
  void headerJustUnderTheLimitIsStillRead() {
    String longButAllowed = "x".repeat(512 - "Bearer ".length());

    assertThat(presented("Bearer " + longButAllowed)).contains(longButAllowed);
  }

  private static Optional<String> presented(String authorization) {
    Metadata headers = new Metadata();
    headers.put(Credentials.AUTHORIZATION, authorization);
    return Credentials.presentedToken(headers);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
