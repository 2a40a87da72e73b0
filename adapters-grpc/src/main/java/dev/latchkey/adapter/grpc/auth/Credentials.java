package dev.latchkey.adapter.grpc.auth;

import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the presented token from the {@code authorization} header: {@code Bearer <token>}, or
 * {@code Basic base64(<token>:)} with the token as user name and an empty password, as some
 * HTTP clients of Planhat-style APIs send it.
 */
final class Credentials {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** Far above any real token; bounds the work done on a hostile header. */
  private static final int MAX_HEADER_LENGTH = 512;

  private Credentials() {}

  static Optional<String> presentedToken(Metadata headers) {
    Iterable<String> values = headers.getAll(AUTHORIZATION);
    if (values == null) {
      return Optional.empty();
    }
    String only = null;
    for (String value : values) {
      if (only != null) {
        return Optional.empty(); // two authorization headers: ambiguous, refuse
      }
      only = value;
    }
    if (only == null || only.length() > MAX_HEADER_LENGTH) {
      return Optional.empty();
    }
    int space = only.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = only.substring(0, space).toLowerCase(Locale.ROOT);
    String rest = only.substring(space + 1).strip();
    return switch (scheme) {
      case "bearer" -> rest.isEmpty() ? Optional.empty() : Optional.of(rest);
      case "basic" -> fromBasic(rest);
      default -> Optional.empty();
    };
  }

  private static Optional<String> fromBasic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    // The token is the user name; the password must be empty.
    if (colon <= 0 || colon != decoded.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(decoded.substring(0, colon));
  }
}
