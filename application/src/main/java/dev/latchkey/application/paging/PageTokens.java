package dev.latchkey.application.paging;

import dev.latchkey.domain.error.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Page tokens as clients see them: an opaque, URL-safe wrapping of a cursor, bound to the listing
 * ({@code scope}) it came from so that a token of one listing is refused by another.
 */
public final class PageTokens {
  private static final String VERSION = "1";

  private PageTokens() {}

  /**
   * The page request for a client's {@code page_size} and {@code page_token}.
   *
   * @throws InvalidArgumentException if the size is negative or over {@link PageRequest#MAX_SIZE}, or
   *     the token was not issued by {@link #encode} for this scope
   */
  public static PageRequest request(String scope, int pageSize, String pageToken) {
    if (pageSize < 0 || pageSize > PageRequest.MAX_SIZE) {
      throw new InvalidArgumentException(
          "page_size", "must be between 0 and " + PageRequest.MAX_SIZE + " (0 means the default of "
              + PageRequest.DEFAULT_SIZE + ")");
    }
    int size = pageSize == 0 ? PageRequest.DEFAULT_SIZE : pageSize;
    if (pageToken == null || pageToken.isEmpty()) {
      return new PageRequest(size, Optional.empty());
    }
    return new PageRequest(size, Optional.of(decode(scope, pageToken)));
  }

  public static String encode(String scope, Optional<String> cursor) {
    return cursor
        .map(c -> Base64.getUrlEncoder().withoutPadding()
            .encodeToString((VERSION + "\n" + scope + "\n" + c).getBytes(StandardCharsets.UTF_8)))
        .orElse("");
  }

  private static String decode(String scope, String token) {
    try {
      if (token.length() > 1024) {
        throw new IllegalArgumentException("too long");
      }
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = text.split("\n", -1);
      if (parts.length != 3 || !parts[0].equals(VERSION) || !parts[1].equals(scope) || parts[2].isEmpty()) {
        throw new IllegalArgumentException("not ours");
      }
      return parts[2];
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("page_token", "is not a page token of this listing");
    }
  }
}
