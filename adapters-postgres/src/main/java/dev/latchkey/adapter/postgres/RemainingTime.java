package dev.latchkey.adapter.postgres;

import java.util.OptionalLong;

/**
 * How long the work on the current thread may still take (the deadline of the call it serves), so
 * that a statement never outlives the call that asked for it.
 */
@FunctionalInterface
public interface RemainingTime {
  /** No deadline: statements are bounded by the server-wide statement timeout only. */
  RemainingTime NONE = OptionalLong::empty;

  /** Milliseconds left, or empty when there is no deadline. */
  OptionalLong millis();
}
