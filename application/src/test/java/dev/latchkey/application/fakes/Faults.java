package dev.latchkey.application.fakes;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A failure armed to be thrown once by the next write of a fake. */
final class Faults {
  private final AtomicReference<RuntimeException> armed = new AtomicReference<>();

  void arm(RuntimeException failure) {
    armed.set(Objects.requireNonNull(failure, "failure"));
  }

  void throwIfArmed() {
    RuntimeException failure = armed.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
  }
}
