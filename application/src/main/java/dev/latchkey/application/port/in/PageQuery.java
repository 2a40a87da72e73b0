package dev.latchkey.application.port.in;

import java.util.Objects;

/**
 * Which page of a listing a caller asks for: a page size (0 = the default) and the opaque token of
 * the previous page (empty = the first page), both as the client sent them; the use case checks them.
 */
public record PageQuery(int pageSize, String pageToken) {
  public PageQuery {
    // A client that sends no token asks for the first page.
    pageToken = Objects.requireNonNullElse(pageToken, "");
  }

  /** The first page at the default size. */
  public static PageQuery first() {
    return new PageQuery(0, "");
  }
}
