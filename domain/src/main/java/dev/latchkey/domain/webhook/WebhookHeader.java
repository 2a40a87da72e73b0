package dev.latchkey.domain.webhook;

import dev.latchkey.domain.common.InvalidValueException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A custom header sent with every delivery. A hidden header's value is write-only: it is never
 * returned, logged or printed.
 */
public record WebhookHeader(String name, String value, boolean hidden) {
  public static final int MAX_NAME_LENGTH = 100;
  public static final int MAX_VALUE_LENGTH = 1000;
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Set by the delivery itself, or by HTTP; a custom header may not replace them. */
  private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "authorization",
      "connection", "transfer-encoding", "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-authorization",
      "webhook-id", "webhook-timestamp", "webhook-signature", "user-agent");

  public WebhookHeader {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !TOKEN.matcher(name).matches()) {
      throw new InvalidValueException("name must be an HTTP header name of 1 to " + MAX_NAME_LENGTH
          + " letters, digits and !#$%&'*+.^_`|~-");
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new InvalidValueException("name '" + name + "' is set by the delivery itself");
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new InvalidValueException("value must be at most " + MAX_VALUE_LENGTH + " characters");
    }
    if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f || c > 0xff)) {
      throw new InvalidValueException("value must be printable Latin-1 text without line breaks");
    }
  }

  /** The lowercased name: header names are case-insensitive. */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "WebhookHeader[" + name + ": " + (hidden ? "(hidden)" : value) + "]";
  }
}
