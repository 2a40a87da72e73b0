package dev.latchkey.application.paging;

import java.util.Optional;

/**
 * One page of a listing: at most {@code size} items after {@code cursor} (absent: from the start).
 * The cursor is the repository's own; clients only ever see it inside an opaque page token.
 */
public record PageRequest(int size, Optional<String> cursor) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 1000;

  public PageRequest {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("page size out of range: " + size);
    }
  }
}
