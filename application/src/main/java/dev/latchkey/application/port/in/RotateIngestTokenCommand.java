package dev.latchkey.application.port.in;

import dev.latchkey.application.security.Operation;
import java.time.Duration;
import java.util.Objects;

/**
 * Issue a new ingest token for the caller's tenant.
 *
 * @param overlap how long the previous token keeps working; zero stops it at once
 */
public record RotateIngestTokenCommand(Duration overlap) implements Request {
  public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
  public static final Duration MAX_OVERLAP = Duration.ofDays(30);

  public RotateIngestTokenCommand {
    Objects.requireNonNull(overlap, "overlap");
    if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
      throw new IllegalArgumentException("overlap out of range: " + overlap);
    }
  }

  @Override
  public Operation operation() {
    return Operation.ROTATE_INGEST_TOKEN;
  }
}
