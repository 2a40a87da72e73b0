package dev.latchkey.domain.analytics;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What can be shown of a tenant's ingest token: the current one, and until when the previous one
 * keeps working (empty once it no longer does).
 */
public record IngestTokenView(IngestToken current, Optional<Instant> previousExpireTime) {
  public IngestTokenView {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(previousExpireTime, "previousExpireTime");
  }
}
