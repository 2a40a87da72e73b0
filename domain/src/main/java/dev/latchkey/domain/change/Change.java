package dev.latchkey.domain.change;

import java.util.Objects;

/**
 * The outcome of applying changes to a value: the new value (one version step, however many
 * fields changed) and the event that says what changed.
 */
public record Change<T>(T value, ChangeEvent event) {
  public Change {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(event, "event");
  }
}
