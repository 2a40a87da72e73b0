package dev.latchkey.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A webhook's signing secrets: the current one and, for a day after a rotation, the previous one.
 * Deliveries are signed with both while both are valid, so receivers can switch without missing one.
 *
 * @param previousUntil when the previous secret stops signing; present exactly when {@code previous} is
 */
public record SigningKeys(SigningSecret current, Optional<SigningSecret> previous, Optional<Instant> previousUntil) {
  /** How long a replaced secret keeps signing. */
  public static final Duration OVERLAP = Duration.ofHours(24);

  public SigningKeys {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(previousUntil, "previousUntil");
    if (previous.isPresent() != previousUntil.isPresent()) {
      throw new IllegalArgumentException("a previous secret comes with the time it stops signing");
    }
  }

  public static SigningKeys of(SigningSecret current) {
    return new SigningKeys(current, Optional.empty(), Optional.empty());
  }

  /** {@code next} becomes current; the current one keeps signing until {@code at} plus {@link #OVERLAP}. */
  public SigningKeys rotate(SigningSecret next, Instant at) {
    return new SigningKeys(next, Optional.of(current), Optional.of(at.plus(OVERLAP)));
  }

  /** The secrets that sign a delivery made at {@code at}, the current one first. */
  public List<SigningSecret> signingAt(Instant at) {
    List<SigningSecret> keys = new ArrayList<>(2);
    keys.add(current);
    @Nullable Instant until = previousUntil.orElse(null);
    if (until != null && at.isBefore(until)) {
      keys.add(previous.orElseThrow());
    }
    return keys;
  }

  @Override
  public String toString() {
    return "SigningKeys[redacted]";
  }
}
