package dev.latchkey.domain.token;

import dev.latchkey.domain.common.Uuids;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies an API access token or personal access token. Server-generated; printed as canonical lowercase UUID text. */
public record ApiTokenId(UUID value) {
  public ApiTokenId {
    Objects.requireNonNull(value, "value");
  }

  /** The id in {@code text}, if it is one the server could have handed out. */
  public static Optional<ApiTokenId> parse(String text) {
    return Uuids.parse(text).map(ApiTokenId::new);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
