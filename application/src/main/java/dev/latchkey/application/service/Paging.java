package dev.latchkey.application.service;

import dev.latchkey.application.paging.Page;
import dev.latchkey.application.paging.PageRequest;
import dev.latchkey.application.paging.PageTokens;
import dev.latchkey.application.port.in.PageQuery;
import dev.latchkey.domain.common.Uuids;
import dev.latchkey.domain.error.InvalidArgumentException;
import java.util.Optional;

/** Page tokens around the repositories' id cursors. */
final class Paging {
  private Paging() {}

  /**
   * The request for a client's page size and token in {@code scope}, whose cursor is an id.
   *
   * @throws InvalidArgumentException for a bad size, or a token not issued for this scope
   */
  static PageRequest uuidCursorRequest(String scope, int pageSize, String pageToken) {
    PageRequest request = PageTokens.request(scope, pageSize, pageToken);
    if (request.cursor().isPresent() && Uuids.parse(request.cursor().get()).isEmpty()) {
      throw new InvalidArgumentException("page_token", "is not a page token of this listing");
    }
    return request;
  }

  /** The same, for a client's {@link PageQuery}. */
  static PageRequest uuidCursorRequest(String scope, PageQuery page) {
    return uuidCursorRequest(scope, page.pageSize(), page.pageToken());
  }

  /**
   * The request for a client's page size and token in {@code scope}, whose cursor has {@code shape}.
   *
   * @throws InvalidArgumentException for a bad size, or a token not issued for this scope
   */
  static PageRequest cursorRequest(String scope, PageQuery page, java.util.regex.Pattern shape) {
    PageRequest request = PageTokens.request(scope, page.pageSize(), page.pageToken());
    if (request.cursor().isPresent() && !shape.matcher(request.cursor().get()).matches()) {
      throw new InvalidArgumentException("page_token", "is not a page token of this listing");
    }
    return request;
  }

  /** {@code page} with its next cursor wrapped in a page token of {@code scope}. */
  static <T> Page<T> withPageToken(String scope, Page<T> page) {
    return new Page<>(page.items(), page.nextCursor().map(c -> PageTokens.encode(scope, Optional.of(c))));
  }
}
