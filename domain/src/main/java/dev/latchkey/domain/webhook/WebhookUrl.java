package dev.latchkey.domain.webhook;

import dev.latchkey.domain.common.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where deliveries are posted: an absolute {@code http} or {@code https} URL with a host, any port,
 * no user info (credentials go in {@link BasicAuth}) and no fragment. Whether its host may be
 * reached is decided at delivery time, on the address actually connected to.
 */
public record WebhookUrl(String value) {
  public static final int MAX_LENGTH = 2048;

  public WebhookUrl {
    Objects.requireNonNull(value, "value");
    String problem = problem(value);
    if (problem != null) {
      throw new InvalidValueException(problem);
    }
  }

  private static @Nullable String problem(String value) {
    if (value.isEmpty()) {
      return "must not be empty";
    }
    if (value.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    if (value.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
      return "must be an ASCII URL without spaces or control characters (percent-encode the rest)";
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      return "is not a valid URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "must start with http:// or https://";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "must name a host, e.g. https://hooks.example.com/latchkey";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry user info; use basic_auth";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a fragment (#...)";
    }
    return null;
  }

  public URI uri() {
    return URI.create(value);
  }

  /** The host, lowercased; an IPv6 literal without brackets. */
  public String host() {
    String host = uri().getHost().toLowerCase(Locale.ROOT);
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    return value;
  }
}
